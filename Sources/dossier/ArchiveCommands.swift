import ArgumentParser
import DossierArchive
import DossierFiles
import DossierKit
import DossierModel
import DossierSignature
import Foundation

/// `dossier extract`: writes out the data attached to a dossier PDF.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Writes the convention data attached to a dossier PDF (convention.json), exactly as it was rendered.")

    @Argument(help: "A dossier PDF.")
    var file: String

    @Option(help: "Folder to write the attached files into (out/extracted by default, never the current folder, which may be the repository).")
    var out: String = "out/extracted"

    func validate() throws {
        guard FileManager.default.fileExists(atPath: file) else { throw ValidationError("no such file: \(file)") }
    }

    func run() throws {
        let archived: ArchivedPDF
        do { archived = try ArchivedPDF.read(URL(fileURLWithPath: file)) } catch { fail("\(error)", code: 1) }
        guard !archived.attachments.isEmpty else { fail("\(file) has no attached data", code: 1) }
        let folder = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, data) in archived.attachments.sorted(by: { $0.key < $1.key }) {
            // Attachment names come from the file: keep only a plain file name.
            let sanitized = FileName.sanitized((name as NSString).lastPathComponent)
            let safe = sanitized.isEmpty ? "attachment" : sanitized
            let target = folder.appendingPathComponent(safe)
            do { try OutputFile.write(data, to: target) } catch { fail("\(error)", code: 1) }
            print("wrote \(target.path) (\(data.count) bytes)")
        }
    }
}

/// `dossier verify`: checks a dossier's seal, its signatures and its attached data.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Checks that the dossier Dossier rendered is unchanged, lists and checks every signature, checks that the "
            + "attached data matches the fingerprint the pages print, and (with DATA) that it was rendered from that data file.",
        discussion: """
            The seal (the file identifier) shows accidental change only: it is not keyed, so whoever edits the file can \
            recompute it. A signature adds who approved the dossier: only the holder of the key could have made it, and \
            any change to the bytes it covers breaks it. Exit status: 0 when the rendered revision and every signature \
            hold, 1 otherwise, 2 on usage errors.
            """)

    @Argument(help: "A dossier PDF.")
    var file: String

    @Argument(help: "A convention data file to compare with (optional).")
    var data: String?

    @Option(help: "Trusted certificates (PEM): each signer's certificate must chain to one of them.")
    var trust: String?

    func validate() throws {
        guard FileManager.default.fileExists(atPath: file) else { throw ValidationError("no such file: \(file)") }
        if let data, !FileManager.default.fileExists(atPath: data) { throw ValidationError("no such data file: \(data)") }
        if let trust, !FileManager.default.fileExists(atPath: trust) { throw ValidationError("no such file: \(trust)") }
    }

    func run() throws {
        let url = URL(fileURLWithPath: file)
        let archived: ArchivedPDF, signed: SignedPDF
        do { (archived, signed) = (try ArchivedPDF.read(url), try SignedPDF.read(url)) } catch { fail("\(error)", code: 1) }
        var ok = true
        func report(_ passed: Bool, _ message: String) {
            print("\(passed ? "OK  " : "FAIL") \(message)")
            ok = ok && passed
        }
        reportRendered(signed, report)
        do {
            let anchors = try trust.map { try ChainCheck.anchors(pem: String(decoding: FileManager.default.contents(atPath: $0) ?? Data(), as: UTF8.self)) }
            for finding in SignatureReport.findings(signed, anchors: anchors) { report(finding.holds, Self.describe(finding)) }
        } catch { fail("\(error)", code: 1) }
        if signed.signatures.isEmpty {
            print("     no signature: nothing shows who approved this dossier (a seal anyone can recompute is no approval)")
        }
        reportData(archived, report)
        if !ok { throw ExitCode(1) }
    }

    private func reportRendered(_ signed: SignedPDF, _ report: (Bool, String) -> Void) {
        guard let end = signed.sealedEnd else { return report(false, "the PDF has no identifier: it was not made by dossier render") }
        switch signed.sealIntact {
        case true?:
            report(true, "the dossier as rendered (its first \(end) bytes) is unchanged: its identifier matches its content "
                   + "(this seal catches accidental change only; anyone can recompute it)")
        default:
            report(false, "the dossier as rendered was changed (its identifier no longer matches its first \(end) bytes)")
        }
        let changes = signed.changes(after: end)
        let count = signed.signatures.count
        report(changes.isEmpty, changes.isEmpty
               ? "nothing was added after rendering but \(count) signature\(count == 1 ? "" : "s")"
               : "changed after rendering: " + changes.joined(separator: "; "))
    }

    static func describe(_ f: SignatureFinding) -> String {
        var text = "signature «\(f.field)» by \(f.signer), \(f.claimedTime.map(Self.readable) ?? "no time") (claimed by the signer)"
        if let stamp = f.timestamp {
            text += ", timestamped \(ISO8601DateFormatter().string(from: stamp))"
        } else if let problem = f.timestampProblem {
            text += ", its timestamp does not check: \(problem)"
        } else {
            text += ", not timestamped"
        }
        text += f.intact ? "; its bytes are intact" : "; " + (f.problem ?? "it does not check")
        text += f.laterChanges.isEmpty ? "; nothing but later signatures changed after it" : "; changed after it: " + f.laterChanges.joined(separator: "; ")
        if let trust = f.trustProblem { text += "; not trusted: \(trust)" }
        if !f.profileProblems.isEmpty { text += "; not PAdES baseline: " + f.profileProblems.joined(separator: ", ") }
        return text
    }

    /// `D:20261129192104+00'00'` as `2026-11-29 19:21:04 +00'00'`.
    static func readable(_ pdfDate: String) -> String {
        let d = Array(pdfDate.hasPrefix("D:") ? pdfDate.dropFirst(2) : Substring(pdfDate))
        guard d.count >= 14 else { return pdfDate }
        let s = { (a: Int, b: Int) in String(d[a..<b]) }
        return "\(s(0, 4))-\(s(4, 6))-\(s(6, 8)) \(s(8, 10)):\(s(10, 12)):\(s(12, 14)) \(String(d[14...]))"
    }

    private func reportData(_ archived: ArchivedPDF, _ report: (Bool, String) -> Void) {
        guard let json = archived.attachments[SourceData.fileName] else {
            return report(false, "no attached data (\(SourceData.fileName))")
        }
        let fingerprint = SourceData.fingerprint(of: json)
        let printed = archived.printedFingerprints
        report(printed.contains(fingerprint) && Set(printed).count == 1,
               "attached data fingerprint \(fingerprint) " + (printed.isEmpty
                    ? "cannot be compared: no page prints a fingerprint"
                    : printed.contains(fingerprint) && Set(printed).count == 1
                        ? "matches the one the pages print (\(printed.count) pages)"
                        : "differs from the one the pages print (\(Set(printed).sorted().joined(separator: ", ")))"))
        guard let data else { return }
        let loaded = ConventionLoader.load(URL(fileURLWithPath: data), displayPath: data)
        // Invalid data holds placeholders where its errors are: it is not compared, its errors are shown.
        if loaded.isValid, let convention = loaded.convention, let given = try? SourceData.json(convention) {
            let givenFingerprint = SourceData.fingerprint(of: given)
            report(given == json, given == json
                   ? "\(data) is the data the dossier was rendered from"
                   : "\(data) differs from the data the dossier was rendered from (fingerprint \(givenFingerprint), dossier \(fingerprint))")
        } else {
            for problem in loaded.errors { print(problem.description) }
            report(false, "\(data) is not valid convention data (see the errors above)")
        }
    }
}

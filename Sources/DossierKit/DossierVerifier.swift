import DossierArchive
import DossierSignature
import Foundation

/// What `dossier verify` checks of a dossier, as lines to print: that the revision Dossier rendered is unchanged
/// (the seal), each signature (intact, timestamped, trusted, PAdES baseline), that the attached data matches the
/// fingerprint the pages print, and, given a data file, that the dossier was rendered from it.
public enum DossierVerifier {
    /// One line of the report: a check that passed or failed, or a note (`passed` nil).
    public struct Line: Sendable, Hashable {
        public var passed: Bool?
        public var text: String
    }

    /// Checks `file`; `data` is a convention data file to compare with, `trustPEM` the trusted certificates each
    /// signer's must chain to. Throws only when the file cannot be read as a PDF or the trust list as PEM.
    public static func verify(_ file: URL, data: URL? = nil, dataDisplay: String? = nil, trustPEM: String? = nil) throws -> [Line] {
        let archived = try ArchivedPDF.read(file), signed = try SignedPDF.read(file)
        var lines: [Line] = []
        func report(_ passed: Bool, _ message: String) { lines.append(Line(passed: passed, text: message)) }
        func note(_ message: String) { lines.append(Line(passed: nil, text: message)) }
        reportRendered(signed, report)
        let anchors = try trustPEM.map { try ChainCheck.anchors(pem: $0) }
        for finding in SignatureReport.findings(signed, anchors: anchors) { report(finding.holds, describe(finding)) }
        if signed.signatures.isEmpty {
            note("     no signature: nothing shows who approved this dossier (a seal anyone can recompute is no approval)")
        }
        reportData(archived, data: data, dataDisplay: dataDisplay ?? data?.path ?? "", report, note: note)
        return lines
    }

    private static func reportRendered(_ signed: SignedPDF, _ report: (Bool, String) -> Void) {
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

    /// One signature's finding as one line.
    public static func describe(_ f: SignatureFinding) -> String {
        var text = "signature «\(f.field)» by \(f.signer), \(f.claimedTime.map(Self.readable) ?? "no time") (claimed by the signer)"
        if f.certifies { text = "certifying " + text + ", allowing only signatures after it" }
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

    private static func reportData(_ archived: ArchivedPDF, data: URL?, dataDisplay: String, _ report: (Bool, String) -> Void, note: (String) -> Void) {
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
        let loaded = ConventionLoader.load(data, displayPath: dataDisplay)
        // Invalid data holds placeholders where its errors are: it is not compared, its errors are shown.
        if loaded.isValid, let convention = loaded.convention, let given = try? SourceData.json(convention) {
            let givenFingerprint = SourceData.fingerprint(of: given)
            report(given == json, given == json
                   ? "\(dataDisplay) is the data the dossier was rendered from"
                   : "\(dataDisplay) differs from the data the dossier was rendered from (fingerprint \(givenFingerprint), dossier \(fingerprint))")
        } else {
            for problem in loaded.errors { note(problem.description) }
            report(false, "\(dataDisplay) is not valid convention data (see the errors above)")
        }
    }
}

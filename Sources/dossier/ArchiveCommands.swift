import ArgumentParser
import DossierArchive
import DossierFiles
import DossierKit
import DossierModel
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

/// `dossier verify`: checks a dossier's seal and its attached data.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Checks that a dossier PDF is unchanged since it was made, that its attached data matches the fingerprint "
            + "it prints, and (with DATA) that it was rendered from that data file.",
        discussion: "Exit status: 0 when every check passes, 1 when one fails, 2 on usage errors.")

    @Argument(help: "A dossier PDF.")
    var file: String

    @Argument(help: "A convention data file to compare with (optional).")
    var data: String?

    func validate() throws {
        guard FileManager.default.fileExists(atPath: file) else { throw ValidationError("no such file: \(file)") }
        if let data, !FileManager.default.fileExists(atPath: data) { throw ValidationError("no such data file: \(data)") }
    }

    func run() throws {
        let archived: ArchivedPDF
        do { archived = try ArchivedPDF.read(URL(fileURLWithPath: file)) } catch { fail("\(error)", code: 1) }
        var ok = true
        func report(_ passed: Bool, _ message: String) {
            print("\(passed ? "OK  " : "FAIL") \(message)")
            ok = ok && passed
        }
        switch archived.intact {
        case true?: report(true, "the PDF is unchanged since it was made (its identifier matches its content)")
        case false?: report(false, "the PDF was changed after it was made (its identifier no longer matches its content)")
        case nil: report(false, "the PDF has no identifier: it was not made by dossier render")
        }
        guard let json = archived.attachments[SourceData.fileName] else {
            report(false, "no attached data (\(SourceData.fileName))")
            throw ExitCode(1)
        }
        let fingerprint = SourceData.fingerprint(of: json)
        report(archived.fingerprint == fingerprint,
               "attached data fingerprint \(fingerprint) " + (archived.fingerprint == fingerprint
                    ? "matches the one the dossier prints" : "differs from the one the dossier prints (\(archived.fingerprint ?? "none"))"))
        if let data {
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
        if !ok { throw ExitCode(1) }
    }
}

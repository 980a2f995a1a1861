import ArgumentParser
import DossierKit
import Foundation

/// `dossier extract`: writes out the data attached to a dossier PDF.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Writes the convention data attached to a dossier PDF (convention.json), exactly as it was rendered.")

    @Argument(help: "A dossier PDF.")
    var file: String

    @Option(help: "Folder to write the attached files into (out/extracted by default, never the current folder, which may be the repository).")
    var out: String = "out/extracted"

    func validate() throws {
        guard FileManager.default.fileExists(atPath: file) else { throw ValidationError("no such file: \(file)") }
    }

    func run() throws {
        let attached: [AttachedFile]
        do { attached = try AttachedFile.all(in: URL(fileURLWithPath: file)) } catch { fail("\(error)", code: 1) }
        guard !attached.isEmpty else { fail("\(file) has no attached data", code: 1) }
        let folder = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for attachment in attached {
            let target = folder.appendingPathComponent(attachment.safeName)
            do { try OutputFile.write(attachment.data, to: target) } catch { fail("\(error)", code: 1) }
            print("wrote \(target.path) (\(attachment.data.count) bytes)")
        }
    }
}

/// `dossier verify`: checks a dossier's seal, its signatures and its attached data.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
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
        let lines: [DossierVerifier.Line]
        do {
            let trustPEM = try trust.map { path -> String in
                guard let data = FileManager.default.contents(atPath: path) else { throw SignatureError("cannot read \(path)") }
                return String(decoding: data, as: UTF8.self)
            }
            lines = try DossierVerifier.verify(URL(fileURLWithPath: file), data: data.map { URL(fileURLWithPath: $0) },
                                               dataDisplay: data, trustPEM: trustPEM)
        } catch { fail("\(error)", code: 1) }
        for line in lines {
            switch line.passed {
            case true?: print("OK   \(line.text)")
            case false?: print("FAIL \(line.text)")
            case nil: print(line.text)
            }
        }
        if lines.contains(where: { $0.passed == false }) { throw ExitCode(1) }
    }
}

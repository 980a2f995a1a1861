import ArgumentParser
import DossierKit
import Foundation

/// `dossier sign`: a partner signs its field of a dossier (PAdES, appended as an incremental update).
struct Sign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Signs a dossier's signature field with a PAdES signature appended to it; earlier signatures stay valid.",
        discussion: """
            The signer is a PEM key and certificate (--key, --cert, --chain), or a PKCS#12 file (--p12) whose password \
            is read from an environment variable (--password-env, DOSSIER_P12_PASSWORD by default), never from the \
            command line. With --tsa the signature gets an RFC 3161 timestamp (PAdES B-T). --certify makes the first \
            signature a certification that allows later signatures only (DocMDP). On any error the input is unchanged \
            and no output is written (exit 1).
            """)

    @Argument(help: "The dossier PDF to sign.")
    var file: String

    @Option(help: "The signed PDF to write (may be the input: it is replaced only on success).")
    var out: String

    @Option(help: "The signature field: the partner's id.")
    var field: String

    @Option(help: "The signer's private key (PEM: PKCS#8, PKCS#1 or SEC1, unencrypted).")
    var key: String?

    @Option(help: "The signer's certificate (PEM).")
    var cert: String?

    @Option(help: "The signer's key, certificate and chain in one PKCS#12 file (.p12, .pfx), instead of --key and --cert.")
    var p12: String?

    @Option(help: "The environment variable holding the PKCS#12 file's password.")
    var passwordEnv: String = "DOSSIER_P12_PASSWORD"

    @Option(help: "Certificates of the issuing authorities (PEM), carried in the signature.")
    var chain: String?

    @Option(help: "URL of an RFC 3161 time-stamping authority (PAdES B-T).")
    var tsa: String?

    @Option(help: "Seconds to wait for the time-stamping authority.")
    var tsaTimeout: Int = 10

    @Option(help: "Why the partner signs (shown in the field and in the signature).")
    var reason: String?

    @Option(help: "Where the partner signs.")
    var location: String?

    @Flag(help: "Sign even when the certificate is expired or not valid yet.")
    var allowExpired = false

    @Flag(help: "Certify the dossier (DocMDP): only signatures may be added after this one. Only the first signer may.")
    var certify = false

    func validate() throws {
        switch (key, cert, p12) {
        case (_?, _?, nil), (nil, nil, _?): break
        case (_, _, _?): throw ValidationError("give either --p12 or --key and --cert, not both")
        default: throw ValidationError("give the signer: --key and --cert (PEM), or --p12 (PKCS#12)")
        }
        let files = [("the dossier", file)] + [("--key", key), ("--cert", cert), ("--p12", p12), ("--chain", chain)]
            .compactMap { option, path in path.map { (option, $0) } }
        for (option, path) in files {
            guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("\(option): no such file: \(path)") }
        }
        if p12 != nil, ProcessInfo.processInfo.environment[passwordEnv] == nil {
            throw ValidationError("--p12: set the file's password in the environment variable \(passwordEnv) (never on the command line)")
        }
        guard (1...120).contains(tsaTimeout) else { throw ValidationError("--tsa-timeout is from 1 to 120 seconds") }
    }

    func run() throws {
        do {
            let identity = try self.identity()
            let typesetter = try Typesetter(fontsManifest: try projectRoot().appendingPathComponent("Fonts/fonts.txt"))
            let request = SignRequest(input: URL(fileURLWithPath: file), output: URL(fileURLWithPath: out), field: field,
                                      identity: identity, timestamp: tsa.map { TimestampClient(url: $0, timeoutSeconds: tsaTimeout) },
                                      reason: reason, location: location, allowExpired: allowExpired, certify: certify)
            try AnnexSigner.sign(request, typesetter: typesetter) { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
            print("signed «\(field)» as \(SignerName.of(identity.certificate))\(tsa == nil ? "" : ", timestamped"): wrote \(out)")
        } catch let error as ValidationError {
            throw error
        } catch {
            fail("\(error)", code: 1)
        }
    }

    private func identity() throws -> SigningIdentity {
        if let p12 {
            guard let data = FileManager.default.contents(atPath: p12) else { throw SignatureError("cannot read \(p12)") }
            return try SigningIdentity(pkcs12: data, password: ProcessInfo.processInfo.environment[passwordEnv] ?? "", display: p12)
        }
        return try SigningIdentity(keyPEM: try text(key ?? ""), certificatePEM: try text(cert ?? ""), chainPEM: try chain.map(text))
    }

    private func text(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw SignatureError("cannot read \(path)") }
        return String(decoding: data, as: UTF8.self)
    }
}

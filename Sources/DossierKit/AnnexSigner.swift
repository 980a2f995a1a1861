import Crypto
import DossierArchive
import DossierFiles
import DossierSignature
import Foundation

/// One partner's signature on a dossier: which field, who, and how.
public struct SignRequest {
    public var input: URL
    public var output: URL
    public var field: String
    public var identity: SigningIdentity
    public var timestamp: TimestampClient?
    public var reason: String?
    public var location: String?
    public var date: Date
    /// Sign with a certificate outside its validity period (after the warning).
    public var allowExpired: Bool
    /// Certify the dossier (DocMDP: later signatures only); only the first signature may.
    public var certify: Bool

    public init(input: URL, output: URL, field: String, identity: SigningIdentity, timestamp: TimestampClient? = nil,
                reason: String? = nil, location: String? = nil, date: Date = Date(), allowExpired: Bool = false,
                certify: Bool = false) {
        self.input = input; self.output = output; self.field = field; self.identity = identity; self.timestamp = timestamp
        self.reason = reason; self.location = location; self.date = date; self.allowExpired = allowExpired
        self.certify = certify
    }
}

/// Signs a dossier's field with a PAdES signature appended as an incremental update (B-B, or B-T with a
/// timestamp). Everything is checked before anything is written, and the output is put in place with one
/// rename: on any error the input is unchanged and there is no output.
public enum AnnexSigner {
    public static func sign(_ request: SignRequest, typesetter: Typesetter, warn: (String) -> Void) throws {
        let path = request.input.path
        let signed = try SignedPDF.read(request.input)
        guard let sealedEnd = signed.sealedEnd else {
            throw SignatureError("\(path) is not a Dossier dossier (it has no seal): only dossiers rendered by dossier render are signed")
        }
        let changes = signed.changes(after: sealedEnd)
        guard signed.sealIntact == true, changes.isEmpty else {
            throw SignatureError("\(path) was changed since it was rendered (\((changes.isEmpty ? ["its seal no longer matches"] : changes).joined(separator: "; "))): it is not signed")
        }
        if let problem = request.identity.validity(at: request.date) {
            guard request.allowExpired else { throw SignatureError("\(problem); sign anyway with --allow-expired") }
            warn("warning: \(problem); signing anyway (--allow-expired)")
        }
        let fields = try SignatureUpdate.fields(of: request.input)
        guard let field = fields.first(where: { $0.name == request.field }) else {
            throw SignatureError("\(path) has no signature field «\(request.field)»; its fields: \(fields.map(\.name).joined(separator: ", "))")
        }
        guard !field.signed else { throw SignatureError("the field «\(request.field)» of \(path) is already signed") }
        let signer = SignerName.of(request.identity.certificate)
        let appearance = OutputFile.scratchURL(for: request.output.appendingPathExtension("appearance"))
        defer { unlink(appearance.path) }
        try SignatureAppearance.draw(signer: signer, date: request.date, reason: request.reason, width: field.width,
                                     height: field.height, typesetter: typesetter, to: appearance)
        var prepared = try SignatureUpdate.prepare(request.input, original: signed.bytes, field: request.field,
                                                   details: SignatureDetails(signer: signer, date: request.date,
                                                                             reason: request.reason, location: request.location,
                                                                             certify: request.certify),
                                                   appearance: appearance)
        let digest = Array(SHA256.hash(data: prepared.signedBytes))
        let cms = try SignedDataBuilder.build(contentDigest: digest, identity: request.identity,
                                              timestamp: request.timestamp.map { client in { try client.token(for: $0) } })
        try prepared.insert(cms)
        try OutputFile.write(Data(prepared.bytes), to: request.output)
    }
}

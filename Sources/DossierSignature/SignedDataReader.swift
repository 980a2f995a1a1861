import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// What checking a CMS SignedData found.
public struct SignatureCheck: Sendable {
    /// The signer's certificate (nil when the SignedData does not hold it).
    public var signer: Certificate?
    /// The certificates the SignedData carries.
    public var certificates: [Certificate]
    /// The digest of the content matches the signed messageDigest, and the signature over the signed
    /// attributes is the signer's.
    public var valid: Bool
    /// Why not, when not valid.
    public var problem: String?
    /// The signed attributes include signing-certificate-v2 naming the signer's certificate.
    public var signingCertificateV2: Bool
    /// The signed attributes include a signing-time (PAdES baseline forbids it).
    public var hasSigningTime: Bool
    /// The time of the RFC 3161 token on the signature value, when there is one and it checks.
    public var timestamp: Date?
    /// Why the timestamp token does not check, when there is one.
    public var timestampProblem: String?
    /// The time-stamping authority's certificate and the certificates its token carries (for `--trust`).
    public var timestampSigner: Certificate? = nil
    public var timestampCertificates: [Certificate] = []
}

/// Reads and checks a CMS SignedData (RFC 5652) over detached content: the PAdES signature of a PDF, or the
/// TSTInfo of an RFC 3161 token (its content attached).
public enum SignedDataReader {
    /// Checks `der` (trailing zero padding allowed) over `content`.
    public static func check(_ der: [UInt8], content: [UInt8]) -> SignatureCheck {
        var result = SignatureCheck(signer: nil, certificates: [], valid: false, problem: nil, signingCertificateV2: false,
                                    hasSigningTime: false, timestamp: nil, timestampProblem: nil)
        do {
            let parsed = try ParsedSignedData(trimmed(der))
            result.certificates = parsed.certificates
            result.signer = parsed.signer
            try parsed.verify(content: content, into: &result)
            if let token = parsed.timestampToken { checkTimestamp(token, signature: parsed.signature, into: &result) }
        } catch {
            result.valid = false
            result.problem = result.problem ?? "\(error)"
        }
        return result
    }

    /// The DER element at the start of `bytes`, without the zeros after it.
    static func trimmed(_ bytes: [UInt8]) throws -> [UInt8] {
        guard bytes.count > 2, bytes[0] == 0x30 else { throw SignatureError("the signature is not DER") }
        var length = Int(bytes[1]), header = 2
        if length & 0x80 != 0 {
            let count = length & 0x7F
            guard count > 0, count <= 4, bytes.count > 2 + count else { throw SignatureError("the signature is not DER") }
            length = bytes[2..<(2 + count)].reduce(0) { $0 << 8 | Int($1) }
            header = 2 + count
        }
        guard header + length <= bytes.count else { throw SignatureError("the signature is cut short") }
        return Array(bytes[0..<(header + length)])
    }

    private static func checkTimestamp(_ token: [UInt8], signature: [UInt8], into result: inout SignatureCheck) {
        do {
            let stamp = try ParsedSignedData(token)
            guard let info = stamp.content else { throw SignatureError("the timestamp token holds no TSTInfo") }
            var inner = SignatureCheck(signer: nil, certificates: [], valid: false, problem: nil, signingCertificateV2: false,
                                       hasSigningTime: false, timestamp: nil, timestampProblem: nil)
            try stamp.verify(content: info, into: &inner)
            guard inner.valid else { throw SignatureError(inner.problem ?? "the timestamp's signature does not check") }
            let tst = try TimestampInfo(derEncoded: info)
            guard tst.imprint == Array(SHA256.hash(data: signature)) else {
                throw SignatureError("the timestamp is not on this signature's value")
            }
            result.timestamp = tst.time
            result.timestampSigner = inner.signer
            result.timestampCertificates = inner.certificates
        } catch {
            result.timestampProblem = "\(error)"
        }
    }
}

/// The parts of a SignedData this program reads.
struct ParsedSignedData {
    var certificates: [Certificate] = []
    var signer: Certificate?
    var content: [UInt8]?
    var signedAttributes: ASN1Node
    var signatureAlgorithm: ASN1ObjectIdentifier
    var signature: [UInt8]
    var timestampToken: [UInt8]?

    init(_ der: [UInt8]) throws {
        let info = try DER.parse(der)
        let top = children(info)
        guard top.count == 2, try ASN1ObjectIdentifier(derEncoded: top[0]) == OID.signedData,
              let signedData = children(top[1]).first else { throw SignatureError("not a CMS SignedData") }
        var signerInfo: ASN1Node?
        for node in children(signedData) {
            if node.identifier == .context(0) {
                certificates = children(node).compactMap { try? Certificate(derEncoded: $0) }
            } else if node.identifier == .sequence, let first = children(node).first, first.identifier == .objectIdentifier,
                      let eContent = children(node).dropFirst().first {  // encapContentInfo with content
                content = children(eContent).first.flatMap { try? ASN1OctetString(derEncoded: $0) }.map { Array($0.bytes) }
            } else if node.identifier == .set {
                if let first = children(node).first, first.identifier == .sequence { signerInfo = first }
            }
        }
        guard let signerInfo else { throw SignatureError("the SignedData has no signer") }
        let parts = children(signerInfo)
        guard parts.count >= 6, parts[3].identifier == .context(0) else { throw SignatureError("the signer has no signed attributes") }
        let sid = children(parts[1])
        let serial = sid.count == 2 ? sid[1].encodedBytes : []
        signer = certificates.first { certificate in
            guard let issuer = try? DER.parse(Array(sid.first?.encodedBytes ?? [])) else { return false }
            return (try? DistinguishedName(derEncoded: issuer)) == certificate.issuer
                && Array(serial.dropFirst(2)) == Array(certificate.serialNumber.bytes)
        }
        signedAttributes = parts[3]
        signatureAlgorithm = try ASN1ObjectIdentifier(derEncoded: children(parts[4])[0])
        signature = Array(try ASN1OctetString(derEncoded: parts[5]).bytes)
        if parts.count > 6, parts[6].identifier == .context(1) {
            timestampToken = attributes(parts[6])[OID.timeStampToken].map { Array($0.encodedBytes) }
        }
    }

    /// The first value of each attribute of a SET (or `[0]`, `[1]`) of attributes.
    func attributes(_ node: ASN1Node) -> [ASN1ObjectIdentifier: ASN1Node] {
        var values: [ASN1ObjectIdentifier: ASN1Node] = [:]
        for attribute in children(node) {
            let pair = children(attribute)
            guard pair.count == 2, let type = try? ASN1ObjectIdentifier(derEncoded: pair[0]), let first = children(pair[1]).first else { continue }
            values[type] = first
        }
        return values
    }

    func verify(content: [UInt8], into result: inout SignatureCheck) throws {
        let signed = attributes(signedAttributes)
        result.hasSigningTime = signed[OID.signingTime] != nil
        guard let signer else { throw SignatureError("the signer's certificate is not in the signature") }
        guard let digest = signed[OID.messageDigest].flatMap({ try? ASN1OctetString(derEncoded: $0) }) else {
            throw SignatureError("no messageDigest attribute")
        }
        guard Array(digest.bytes) == Array(SHA256.hash(data: content)) else {
            result.problem = "the signed bytes were changed (their SHA-256 is not the signed one)"
            return
        }
        // Signed as a SET (tag 0x31), stored as [0] IMPLICIT.
        var set = Array(signedAttributes.encodedBytes)
        set[0] = 0x31
        guard let algorithm = Self.algorithm(signatureAlgorithm, key: signer.publicKey) else {
            throw SignatureError("unsupported signature algorithm \(signatureAlgorithm)")
        }
        guard signer.publicKey.isValidSignature(signature, for: set, signatureAlgorithm: algorithm) else {
            result.problem = "the signature value is not the signer's signature of its attributes"
            return
        }
        if let v2 = signed[OID.signingCertificateV2], let hash = Self.firstCertificateHash(v2) {
            result.signingCertificateV2 = hash == Array(SHA256.hash(data: try SignedDataBuilder.der(signer)))
        }
        result.valid = true
    }

    static func algorithm(_ oid: ASN1ObjectIdentifier, key: Certificate.PublicKey) -> Certificate.SignatureAlgorithm? {
        switch oid {
        case OID.rsaEncryption, OID.sha256WithRSAEncryption: return .sha256WithRSAEncryption
        case OID.ecdsaWithSHA256: return .ecdsaWithSHA256
        default: return nil
        }
    }

    /// certs[0].certHash of a SigningCertificateV2 (SHA-256 when no algorithm is named).
    static func firstCertificateHash(_ node: ASN1Node) -> [UInt8]? {
        guard let certs = children(node).first, let first = children(certs).first else { return nil }
        let id = children(first)
        guard let hash = id.first(where: { $0.identifier == .octetString }) else { return nil }
        return (try? ASN1OctetString(derEncoded: hash)).map { Array($0.bytes) }
    }
}

/// The children of a constructed node (none for a primitive one).
func children(_ node: ASN1Node) -> [ASN1Node] {
    guard case .constructed(let nodes) = node.content else { return [] }
    return Array(nodes)
}

/// The two fields of an RFC 3161 TSTInfo this program uses: the imprint (SHA-256) and the time.
struct TimestampInfo {
    var imprint: [UInt8]
    var time: Date

    init(derEncoded bytes: [UInt8]) throws {
        let fields = children(try DER.parse(bytes))
        guard fields.count >= 5 else { throw SignatureError("the TSTInfo is incomplete") }
        let imprint = children(fields[2])
        guard imprint.count == 2 else { throw SignatureError("the TSTInfo has no message imprint") }
        self.imprint = Array(try ASN1OctetString(derEncoded: imprint[1]).bytes)
        let time = try GeneralizedTime(derEncoded: fields[4])
        var components = DateComponents()
        components.timeZone = TimeZone(identifier: "UTC")
        (components.year, components.month, components.day) = (time.year, time.month, time.day)
        (components.hour, components.minute, components.second) = (time.hours, time.minutes, time.seconds)
        guard let date = Calendar(identifier: .gregorian).date(from: components) else { throw SignatureError("bad timestamp time") }
        self.time = date
    }
}

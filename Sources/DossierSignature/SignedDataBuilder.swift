import Crypto
import Foundation
import SwiftASN1
import X509

/// Builds the CMS SignedData of a PAdES baseline signature (ETSI EN 319 142-1, `ETSI.CAdES.detached`):
/// detached content (the PDF's byte ranges), signed attributes contentType, messageDigest and
/// signing-certificate-v2 and no signing-time (PAdES puts the time in the signature dictionary's /M), and,
/// for B-T, an RFC 3161 timestamp token on the signature value as an unsigned attribute.
///
/// Written with swift-asn1's DER serializer: swift-certificates' CMS signer (`@_spi(CMS)`) cannot add
/// signing-certificate-v2, which PAdES requires.
public enum SignedDataBuilder {
    /// The DER of a ContentInfo holding the SignedData. `timestamp` receives the signature value and
    /// returns a timestamp token (DER) to add, or nil.
    public static func build(contentDigest: [UInt8], identity: SigningIdentity,
                             timestamp: (([UInt8]) throws -> [UInt8])? = nil) throws -> [UInt8] {
        guard let algorithm = identity.algorithm else { throw SignatureError("unsupported key type") }
        let attributes = try signedAttributes(contentDigest: contentDigest, certificate: identity.certificate)
        let signature = try identity.privateKey.sign(bytes: try wrapped(attributes, in: .set),
                                                     signatureAlgorithm: algorithm.signing).rawRepresentation
        let token = try timestamp?(signature)
        var s = DER.Serializer()
        try s.appendConstructedNode(identifier: .sequence) { s in
            try s.serialize(OID.signedData)
            try s.appendConstructedNode(identifier: .context(0)) { s in
                try s.appendConstructedNode(identifier: .sequence) { s in
                    try s.serialize(1)  // version: issuerAndSerialNumber, id-data
                    try s.appendConstructedNode(identifier: .set) { s in try digestAlgorithm(&s) }
                    try s.appendConstructedNode(identifier: .sequence) { s in try s.serialize(OID.data) }
                    try s.appendConstructedNode(identifier: .context(0)) { s in
                        for certificate in [identity.certificate] + identity.chain { try s.serialize(certificate) }
                    }
                    try s.appendConstructedNode(identifier: .set) { s in
                        try signerInfo(&s, identity: identity, algorithm: (algorithm.identifier, algorithm.nullParameters),
                                       attributes: attributes, signature: signature, token: token)
                    }
                }
            }
        }
        return s.serializedBytes
    }

    private static func signerInfo(_ s: inout DER.Serializer, identity: SigningIdentity,
                                   algorithm: (ASN1ObjectIdentifier, Bool), attributes: [UInt8], signature: [UInt8],
                                   token: [UInt8]?) throws {
        try s.appendConstructedNode(identifier: .sequence) { s in
            try s.serialize(1)
            try issuerAndSerial(&s, identity.certificate)
            try digestAlgorithm(&s)
            s.serializeRawBytes(try wrapped(attributes, in: .context(0)))
            try s.appendConstructedNode(identifier: .sequence) { s in
                try s.serialize(algorithm.0)
                if algorithm.1 { try s.serialize(ASN1Null()) }
            }
            try s.serialize(ASN1OctetString(contentBytes: signature[...]))
            if let token {
                try s.appendConstructedNode(identifier: .context(1)) { s in
                    try attribute(&s, OID.timeStampToken) { $0.serializeRawBytes(token) }
                }
            }
        }
    }

    /// The content of the signed attributes' SET, each attribute DER-sorted as DER wants.
    static func signedAttributes(contentDigest: [UInt8], certificate: Certificate) throws -> [UInt8] {
        var encoded: [[UInt8]] = []
        for write in [
            { (s: inout DER.Serializer) in try attribute(&s, OID.contentType) { try $0.serialize(OID.data) } },
            { (s: inout DER.Serializer) in
                try attribute(&s, OID.messageDigest) { try $0.serialize(ASN1OctetString(contentBytes: contentDigest[...])) } },
            { (s: inout DER.Serializer) in try attribute(&s, OID.signingCertificateV2) { try signingCertificateV2(&$0, certificate) } },
        ] {
            var s = DER.Serializer()
            try write(&s)
            encoded.append(s.serializedBytes)
        }
        return encoded.sorted { $0.lexicographicallyPrecedes($1) }.flatMap { $0 }
    }

    /// SigningCertificateV2: the SHA-256 of the signer's certificate, with its issuer and serial number.
    private static func signingCertificateV2(_ s: inout DER.Serializer, _ certificate: Certificate) throws {
        let hash = Array(SHA256.hash(data: try der(certificate)))
        try s.appendConstructedNode(identifier: .sequence) { s in
            try s.appendConstructedNode(identifier: .sequence) { s in
                try s.appendConstructedNode(identifier: .sequence) { s in  // ESSCertIDv2, SHA-256 by default
                    try s.serialize(ASN1OctetString(contentBytes: hash[...]))
                    try s.appendConstructedNode(identifier: .sequence) { s in  // IssuerSerial
                        try s.appendConstructedNode(identifier: .sequence) { s in
                            try s.appendConstructedNode(identifier: .context(4)) { s in try s.serialize(certificate.issuer) }
                        }
                        serial(&s, certificate)
                    }
                }
            }
        }
    }

    static func attribute(_ s: inout DER.Serializer, _ type: ASN1ObjectIdentifier,
                          _ value: (inout DER.Serializer) throws -> Void) throws {
        try s.appendConstructedNode(identifier: .sequence) { s in
            try s.serialize(type)
            try s.appendConstructedNode(identifier: .set) { s in try value(&s) }
        }
    }

    static func issuerAndSerial(_ s: inout DER.Serializer, _ certificate: Certificate) throws {
        try s.appendConstructedNode(identifier: .sequence) { s in
            try s.serialize(certificate.issuer)
            serial(&s, certificate)
        }
    }

    static func serial(_ s: inout DER.Serializer, _ certificate: Certificate) {
        s.appendPrimitiveNode(identifier: .integer) { $0.append(contentsOf: certificate.serialNumber.bytes) }
    }

    static func digestAlgorithm(_ s: inout DER.Serializer) throws {
        try s.appendConstructedNode(identifier: .sequence) { s in try s.serialize(OID.sha256) }
    }

    /// `content` under one tag: the signed attributes are signed as a SET and stored as `[0]`.
    static func wrapped(_ content: [UInt8], in identifier: ASN1Identifier) throws -> [UInt8] {
        var s = DER.Serializer()
        s.appendConstructedNode(identifier: identifier) { $0.serializeRawBytes(content) }
        return s.serializedBytes
    }

    static func der(_ certificate: Certificate) throws -> [UInt8] {
        var s = DER.Serializer()
        try s.serialize(certificate)
        return s.serializedBytes
    }
}

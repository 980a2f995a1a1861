import CPKCS12
import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// Why a signature could not be made or read.
public struct SignatureError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Who signs: a private key, its certificate and the certificates that lead to a root.
public struct SigningIdentity {
    public let privateKey: Certificate.PrivateKey
    public let certificate: Certificate
    public let chain: [Certificate]

    /// Reads PEM files; refuses a key that is not the certificate's.
    public init(keyPEM: String, certificatePEM: String, chainPEM: String?) throws {
        do { privateKey = try Certificate.PrivateKey(pemEncoded: keyPEM) } catch {
            throw SignatureError("the key is not a PEM private key this program can use (RSA or ECDSA P-256/P-384, unencrypted PKCS#8, "
                                 + "PKCS#1 or SEC1)")
        }
        let certificates = try Self.certificates(certificatePEM, what: "the certificate")
        guard let first = certificates.first else { throw SignatureError("the certificate file holds no certificate") }
        certificate = first
        chain = try Array(certificates.dropFirst()) + (chainPEM.map { try Self.certificates($0, what: "the chain") } ?? [])
        guard privateKey.publicKey == certificate.publicKey else {
            throw SignatureError("the key does not match the certificate (\(SignerName.of(certificate))): they are not a pair")
        }
        guard algorithm != nil else { throw SignatureError("the key type is not supported (RSA, ECDSA P-256 are)") }
    }

    /// The certificates of a PEM file, in order.
    static func certificates(_ pem: String, what: String) throws -> [Certificate] {
        do {
            return try PEMDocument.parseMultiple(pemString: pem).filter { $0.discriminator == "CERTIFICATE" }
                .map { try Certificate(derEncoded: $0.derBytes) }
        } catch {
            throw SignatureError("\(what) is not a PEM certificate file: \(error)")
        }
    }

    /// Whether the certificate is valid at `date`; the message says why not.
    public func validity(at date: Date) -> String? {
        if date < certificate.notValidBefore {
            return "the certificate of \(SignerName.of(certificate)) is not valid yet (from \(certificate.notValidBefore))"
        }
        if date > certificate.notValidAfter {
            return "the certificate of \(SignerName.of(certificate)) expired on \(certificate.notValidAfter)"
        }
        return nil
    }

    /// The signature algorithm of the key, and the CMS identifier of it.
    var algorithm: (signing: Certificate.SignatureAlgorithm, identifier: ASN1ObjectIdentifier, nullParameters: Bool)? {
        if _RSA.Signing.PublicKey(certificate.publicKey) != nil { return (.sha256WithRSAEncryption, OID.rsaEncryption, true) }
        if P256.Signing.PublicKey(certificate.publicKey) != nil { return (.ecdsaWithSHA256, OID.ecdsaWithSHA256, false) }
        return nil
    }
}

/// The name a certificate gives its holder: the common name, else the organisation, else the whole subject.
public enum SignerName {
    public static func of(_ certificate: Certificate) -> String {
        let attributes = certificate.subject.flatMap { $0 }
        for type in [ASN1ObjectIdentifier.RDNAttributeType.commonName, .RDNAttributeType.organizationName] {
            if let value = attributes.first(where: { $0.type == type }).flatMap({ String($0.value) }) { return value }
        }
        return certificate.subject.description
    }
}

extension SigningIdentity {
    /// Reads a PKCS#12 file (`.p12`, `.pfx`: key, certificate and chain under one password), through OpenSSL's
    /// libcrypto (`CPKCS12`); the key never touches the disk. `display` names the file in messages.
    public init(pkcs12 data: Data, password: String, display: String) throws {
        var key: UnsafeMutablePointer<CChar>?, certificate: UnsafeMutablePointer<CChar>?, chain: UnsafeMutablePointer<CChar>?
        var error = [CChar](repeating: 0, count: 256)
        let status = data.withUnsafeBytes { bytes in
            cpkcs12_read(bytes.bindMemory(to: UInt8.self).baseAddress, data.count, password, &key, &certificate, &chain,
                         &error, error.count)
        }
        defer { cpkcs12_free(key); cpkcs12_free(certificate); cpkcs12_free(chain) }
        guard status == Int32(CPKCS12_OK.rawValue), let key, let certificate, let chain else {
            let detail = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            switch UInt32(status) {
            case CPKCS12_WRONG_PASSWORD.rawValue:
                throw SignatureError("\(display): wrong password for this PKCS#12 file")
            case CPKCS12_NOT_PKCS12.rawValue:
                throw SignatureError("\(display) is not a PKCS#12 file (.p12 or .pfx)")
            default:
                throw SignatureError("\(display): \(detail)")
            }
        }
        let chainText = String(cString: chain)
        try self.init(keyPEM: String(cString: key), certificatePEM: String(cString: certificate),
                      chainPEM: chainText.isEmpty ? nil : chainText)
    }
}

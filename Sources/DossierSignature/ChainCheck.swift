import Foundation
import X509

/// `verify --trust CA.pem`: does a chain lead from the signer's certificate to one of the trusted ones?
/// Each link is checked: the issuer's name, the issuer's signature on the certificate and the validity
/// period at the signing time. (Revocation is not checked: no CRL or OCSP is fetched.)
public enum ChainCheck {
    /// Reads trusted certificates from a PEM file.
    public static func anchors(pem: String) throws -> [Certificate] {
        try SigningIdentity.certificates(pem, what: "the trusted certificates")
    }

    /// Nil when `certificate` chains to an anchor through `intermediates`; otherwise why not.
    public static func problem(_ certificate: Certificate, intermediates: [Certificate], anchors: [Certificate],
                               at date: Date) -> String? {
        var current = certificate
        for _ in 0..<8 {
            if let problem = period(current, at: date) { return problem }
            if let anchor = anchors.first(where: { issued(current, by: $0) }) {
                return period(anchor, at: date)
            }
            if anchors.contains(current) { return nil }
            guard let issuer = intermediates.first(where: { issued(current, by: $0) && $0 != current }) else {
                return "no chain from «\(SignerName.of(current))» to a trusted certificate (issuer \(current.issuer))"
            }
            current = issuer
        }
        return "the chain is longer than 8 certificates"
    }

    static func issued(_ certificate: Certificate, by issuer: Certificate) -> Bool {
        certificate.issuer == issuer.subject && issuer.publicKey.isValidSignature(certificate.signature, for: certificate)
    }

    static func period(_ certificate: Certificate, at date: Date) -> String? {
        (certificate.notValidBefore...certificate.notValidAfter).contains(date)
            ? nil : "the certificate of «\(SignerName.of(certificate))» was not valid at \(date)"
    }
}

import Dispatch
import Foundation
import SwiftASN1
import Synchronization
@_spi(FixedExpiryValidationTime) import X509

/// `verify --trust CA.pem`: does a chain lead from a signer's certificate to one of the trusted ones, valid for
/// what it was used for? Chains are built and checked by swift-certificates' `Verifier` with its RFC 5280
/// policy (each issuer's signature, validity at the signing or timestamp time, CA flags and path lengths of the
/// issuers, name constraints), plus what that policy leaves out on purpose: key usage. A partner's certificate must
/// allow signing documents (digitalSignature or nonRepudiation), a time-stamping authority's must be for time
/// stamping (extended key usage), and an issuer's must allow signing certificates. Revocation is not checked:
/// verification works offline, and no CRL or OCSP answer is fetched.
public enum ChainCheck {
    /// What a certificate was used for.
    public enum Purpose: Sendable {
        case documentSigning, timeStamping
    }

    /// Reads trusted certificates from a PEM file.
    public static func anchors(pem: String) throws -> [Certificate] {
        try SigningIdentity.certificates(pem, what: "the trusted certificates")
    }

    /// Nil when `certificate` chains to an anchor through `intermediates`, valid at `date` for `purpose`;
    /// otherwise why not.
    public static func problem(_ certificate: Certificate, intermediates: [Certificate], anchors: [Certificate],
                               at date: Date, for purpose: Purpose = .documentSigning) -> String? {
        let result = waitFor {
            var verifier = Verifier(rootCertificates: CertificateStore(anchors)) {
                // First, so that its plain messages are the ones reported (RFC 5280's print whole certificates).
                KeyUsagePolicy(purpose: purpose)
                RFC5280Policy(fixedExpiryValidationTime: date)
            }
            return await verifier.validate(leaf: certificate, intermediates: CertificateStore(intermediates))
        }
        switch result {
        case .validCertificate:
            return nil
        case .couldNotValidate(let failures):
            let who = "«\(SignerName.of(certificate))»"
            guard let first = failures.first else {
                return "no chain from \(who) to a trusted certificate (issuer \(certificate.issuer))"
            }
            return "the chain of \(who) fails: \(first.policyFailureReason)"
        }
    }

    /// Runs async work to its end from synchronous code (verify is a command-line check, never on a
    /// concurrency thread): the Verifier's API is async because a certificate store may fetch.
    private static func waitFor<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
        let result = Mutex<T?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            let value = await work()
            result.withLock { $0 = value }
            done.signal()
        }
        done.wait()
        return result.withLock { $0! }
    }
}

/// Key usage, which swift-certificates' RFC 5280 policy claims but does not enforce: the leaf must be for the
/// purpose it served, each issuer must be allowed to sign certificates.
struct KeyUsagePolicy: VerifierPolicy {
    let purpose: ChainCheck.Purpose

    var verifyingCriticalExtensions: [ASN1ObjectIdentifier] {
        [.X509ExtensionID.keyUsage, .X509ExtensionID.extendedKeyUsage]
    }

    mutating func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) async -> PolicyEvaluationResult {
        let leaf = chain.leaf
        let name = SignerName.of(leaf)
        let usage: KeyUsage?, extended: ExtendedKeyUsage?
        do {
            usage = try leaf.extensions.keyUsage
            extended = try leaf.extensions.extendedKeyUsage
        } catch {
            return .failsToMeetPolicy(reason: "the certificate of «\(name)» has an unreadable key usage")
        }
        switch purpose {
        case .documentSigning:
            if let usage, !(usage.digitalSignature || usage.nonRepudiation) {
                return .failsToMeetPolicy(reason: "the certificate of «\(name)» may not sign documents (its key usage allows neither digitalSignature nor nonRepudiation)")
            }
        case .timeStamping:
            guard extended?.contains(.timeStamping) == true else {
                return .failsToMeetPolicy(reason: "the certificate of «\(name)» is not a time-stamping authority's (no timeStamping extended key usage)")
            }
        }
        for (issuer, issued) in zip(chain.dropFirst(), chain) {
            let constraints = (try? issuer.extensions.basicConstraints) ?? nil
            if case .isCertificateAuthority = constraints {} else if issuer != chain.last {
                return .failsToMeetPolicy(reason: "«\(SignerName.of(issuer))» is not a certification authority (its certificate is not a CA's), "
                                          + "so it cannot vouch for «\(SignerName.of(issued))»")
            }
            if let usage = ((try? issuer.extensions.keyUsage) ?? nil), !usage.keyCertSign {
                return .failsToMeetPolicy(reason: "«\(SignerName.of(issuer))» may not issue certificates (no keyCertSign in its key usage)")
            }
        }
        return .meetsPolicy
    }
}

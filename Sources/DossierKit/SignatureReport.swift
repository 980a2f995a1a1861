import DossierArchive
import DossierSignature
import Foundation
import X509

/// What `verify` says about one signature of a dossier.
public struct SignatureFinding {
    public var field: String
    public var signer: String
    /// `/M`: the time the signer's computer claimed.
    public var claimedTime: String?
    /// The time of an RFC 3161 timestamp on the signature, when it checks.
    public var timestamp: Date?
    public var timestampProblem: String?
    /// The signed bytes are those the signature was made on, and the signature is the certificate holder's.
    public var intact: Bool
    public var problem: String?
    /// What changed after this signature other than later signatures (empty: nothing).
    public var laterChanges: [String]
    /// With `--trust`: why the signer's certificate does not chain to a trusted one (nil: it does).
    public var trustProblem: String?
    /// The signature lacks what PAdES baseline requires (signing-certificate-v2, no signing-time, the subfilter).
    public var profileProblems: [String]
    /// It certifies the dossier (DocMDP): after it, only signatures may be added.
    public var certifies = false

    public var holds: Bool {
        intact && laterChanges.isEmpty && trustProblem == nil && profileProblems.isEmpty && timestampProblem == nil
    }
}

/// Checks every signature of a signed dossier.
public enum SignatureReport {
    public static func findings(_ pdf: SignedPDF, anchors: [Certificate]?) -> [SignatureFinding] {
        pdf.signatures.map { signature in
            var finding = SignatureFinding(field: signature.field, signer: signature.name ?? "?", claimedTime: signature.time,
                                           timestamp: nil, timestampProblem: nil, intact: false, problem: nil,
                                           laterChanges: pdf.changes(after: signature.coveredEnd), trustProblem: nil,
                                           profileProblems: [], certifies: signature.certifies)
            guard let content = pdf.signedBytes(signature) else {
                finding.problem = "its byte range does not cover its whole revision but the signature itself"
                return finding
            }
            let check = SignedDataReader.check(signature.contents, content: content)
            finding.intact = check.valid
            finding.problem = check.problem
            finding.timestamp = check.timestamp
            finding.timestampProblem = check.timestampProblem
            if let certificate = check.signer {
                finding.signer = SignerName.of(certificate)
                if let anchors {
                    finding.trustProblem = ChainCheck.problem(certificate, intermediates: check.certificates, anchors: anchors,
                                                              at: check.timestamp ?? Date())
                    // A timestamp proves the time only if its authority is trusted for time stamping too.
                    if let stamp = check.timestamp, let authority = check.timestampSigner,
                       let problem = ChainCheck.problem(authority, intermediates: check.timestampCertificates, anchors: anchors,
                                                        at: stamp, for: .timeStamping) {
                        finding.trustProblem = [finding.trustProblem, "its timestamp: \(problem)"].compactMap { $0 }.joined(separator: "; ")
                    }
                }
            }
            if signature.subFilter != "/ETSI.CAdES.detached" { finding.profileProblems.append("subfilter \(signature.subFilter ?? "none")") }
            if check.valid && !check.signingCertificateV2 { finding.profileProblems.append("no signing-certificate-v2 attribute") }
            if check.hasSigningTime { finding.profileProblems.append("a signing-time attribute (PAdES puts the time in /M)") }
            return finding
        }
    }
}

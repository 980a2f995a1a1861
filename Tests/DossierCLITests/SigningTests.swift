import DossierTestSupport
import Foundation
import Testing

/// A local RFC 3161 authority (`Tests/Signing/tsa_server.py`: `openssl ts -reply` behind http.server on
/// 127.0.0.1), started and stopped by the test that needs it.
final class LocalTSA {
    let process = Process()
    let input = Pipe()
    let url: String

    init(pki: URL, mode: String = "good") throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", CLI.repoRoot.appendingPathComponent("Tests/Signing/tsa_server.py").path, pki.path, "--mode", mode]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = input
        try process.run()
        // The server prints its port once it listens.
        var line = Data()
        while let byte = try pipe.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) { line += byte }
        url = "http://127.0.0.1:\(String(decoding: line, as: UTF8.self))/"
    }

    /// Closing its standard input stops the server (a runner may have blocked SIGTERM in it).
    func stop() {
        try? input.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }
}

/// Signed annexes (issue 15): three partners sign the sample's convention dossier in turn, the second with a
/// timestamp; pyHanko, poppler's pdfsig, pdfcheck and `dossier verify` judge the result. Keys and certificates
/// are made at test time (`Tests/Signing/make_pki.sh`); none is committed.
@Suite(.serialized) struct SigningTests {
    /// The test PKI, the rendered dossier and its three signed revisions (s1: ministry, s2: + apdn
    /// timestamped, s3: + indh).
    struct Fixture {
        var folder: URL
        var pki: URL
        var rendered: URL
        var signed: [URL]
    }

    static let fixture: Result<Fixture, Error> = Result {
        let folder = try TestTools.scratch("signing")
        let pki = folder.appendingPathComponent("pki")
        let made = try TestTools.run("bash", [CLI.repoRoot.appendingPathComponent("Tests/Signing/make_pki.sh").path, pki.path])
        guard made.status == 0 else { throw CLIError("make_pki.sh: \(made.output)") }
        let render = try CLI.run(["render", "--out", folder.path, "--date", "2016-12-08", "--only", "convention"])
        guard render.status == 0 else { throw CLIError("render: \(render.stderr)") }
        let rendered = folder.appendingPathComponent("convention.pdf")
        let tsa = try LocalTSA(pki: pki)
        defer { tsa.stop() }
        var signed: [URL] = []
        var input = rendered
        for (index, partner) in ["ministry", "apdn", "indh"].enumerated() {
            let output = folder.appendingPathComponent("s\(index + 1).pdf")
            let result = try CLI.run(sign(input, output, partner, pki) + (partner == "apdn" ? ["--tsa", tsa.url] : []))
            guard result.status == 0 else { throw CLIError("sign \(partner): \(result.stderr)") }
            signed.append(output)
            input = output
        }
        return Fixture(folder: folder, pki: pki, rendered: rendered, signed: signed)
    }

    struct CLIError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    static func sign(_ input: URL, _ output: URL, _ partner: String, _ pki: URL, key: String? = nil) -> [String] {
        ["sign", input.path, "--out", output.path, "--field", partner,
         "--key", pki.appendingPathComponent("\(key ?? partner).key").path, "--cert", pki.appendingPathComponent("\(partner).pem").path,
         "--chain", pki.appendingPathComponent("ca.pem").path, "--reason", "موافقة على الاتفاقية", "--location", "تاونات"]
    }

    static let pyhanko = CLI.repoRoot.appendingPathComponent(".venv/bin/pyhanko").path
    static let pdfcheck = CLI.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/tools/pdfcheck").path

    func pyHanko(_ pdf: URL, _ f: Fixture) throws -> (status: Int32, output: String) {
        try TestTools.run(Self.pyhanko, ["sign", "validate", "--trust", f.pki.appendingPathComponent("ca.pem").path, "--trust-replace", pdf.path])
    }

    // MARK: - Three partners in turn

    @Test func pyHankoFindsEverySignatureValidAndTheLastCoveringTheWholeFile() throws {
        let f = try Self.fixture.get()
        let result = try pyHanko(f.signed[2], f)
        #expect(result.status == 0, "\(result.output)")
        let lines = result.output.split(separator: "\n").filter { $0.contains(":INTACT:") }
        #expect(lines.count == 3, "\(result.output)")
        for line in lines { #expect(line.contains(":INTACT:TRUSTED"), "\(line)") }
        #expect(lines.first { $0.hasPrefix("apdn:") }?.contains("TIMESTAMP_TOKEN<INTACT:TRUSTED>") == true, "\(result.output)")
        #expect(lines.first { $0.hasPrefix("indh:") }?.contains("UNTOUCHED") == true, "the last signature covers the whole file")
        for earlier in ["ministry:", "apdn:"] {
            #expect(lines.first { $0.hasPrefix(earlier) }?.contains("ACCEPTABLE_MODIFICATIONS") == true, "\(result.output)")
        }
    }

    @Test func pdfsigFindsEverySignatureValid() throws {
        let f = try Self.fixture.get()
        let output = try TestTools.run("pdfsig", ["-nocert", f.signed[2].path]).output
        #expect(output.components(separatedBy: "Signature Validation: Signature is Valid.").count - 1 == 3, "\(output)")
        #expect(output.contains("Signature Type: ETSI.CAdES.detached"))
        #expect(output.contains("Total document signed"))
        #expect(output.contains("Signer Certificate Common Name: وزارة الداخلية"))
    }

    @Test func verifyAgreesAndNamesTheTimestampedSignature() throws {
        let f = try Self.fixture.get()
        let result = try CLI.run(["verify", f.signed[2].path, "Examples/taounate-2016/convention.yaml",
                                  "--trust", f.pki.appendingPathComponent("ca.pem").path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("OK   nothing was added after rendering but 3 signatures"), "\(result.stdout)")
        #expect(result.stdout.contains("OK   signature «ministry» by وزارة الداخلية"), "\(result.stdout)")
        #expect(result.stdout.contains("«apdn» by وكالة تنمية أقاليم الشمال") && result.stdout.contains(", timestamped 20"), "\(result.stdout)")
        #expect(result.stdout.contains("«indh» by INDH Taounate") && result.stdout.contains("not timestamped"), "\(result.stdout)")
        #expect(result.stdout.contains("matches the one the pages print"), "\(result.stdout)")
        #expect(!result.stdout.contains("FAIL"), "\(result.stdout)")
        // A certificate outside the trusted ones fails the chain check.
        let other = try CLI.run(["verify", f.signed[2].path, "--trust", f.pki.appendingPathComponent("tsa.pem").path])
        #expect(other.status == 1 && other.stdout.contains("not trusted"), "\(other.stdout)")
    }

    @Test func theSignedFileStillPassesPDFA3bAndShowsTheSignersInArabic() throws {
        let f = try Self.fixture.get()
        // pdfcheck comes with the shared tools beside the repository (as in CI); a clone elsewhere has none.
        if FileManager.default.isExecutableFile(atPath: Self.pdfcheck) {
            let check = try TestTools.run(Self.pdfcheck, [f.signed[2].path, "--pdfa", "3b"])
            #expect(check.status == 0 && check.output.contains("verdict PASS"), "\(check.output.suffix(2000))")
        }
        let text = TestTools.loose(try TestTools.run("pdftotext", ["-f", "24", "-l", "24", f.signed[2].path, "-"]).output)
        #expect(text.contains(TestTools.loose("وكالة تنمية أقاليم الشمال")), "\(text)")
    }

    @Test func theRenderedDossierHasOneEmptyFieldPerPartner() throws {
        let f = try Self.fixture.get()
        let output = try TestTools.run("pdfsig", ["-nocert", f.rendered.path]).output
        #expect(output.components(separatedBy: "The signature form field is not signed.").count - 1 == 11, "\(output)")
        let qdf = try TestTools.run("qpdf", ["--qdf", "--object-streams=disable", f.rendered.path, "-"]).output
        #expect(qdf.contains("/S /Form"))
        #expect(qdf.contains("/Type /OBJR"))
    }

    @Test(arguments: [0, 1, 2, 3, 4])
    func aOneByteChangeInAnyRevisionFailsPyHankoAndVerify(revision: Int) throws {
        let f = try Self.fixture.get()
        var bytes = [UInt8](try Data(contentsOf: f.signed[2]))
        let ends = Self.revisionEnds(bytes)
        #expect(ends.count == 5, "Cairo, finishing, three signatures")
        // A byte well inside the revision: a digit or a letter, turned into another.
        var offset = revision == 0 ? 5000 : ends[revision] - 250
        while !(bytes[offset] >= 0x30 && bytes[offset] <= 0x7A) { offset += 1 }
        bytes[offset] ^= 0x01
        let changed = f.folder.appendingPathComponent("changed-\(revision).pdf")
        try Data(bytes).write(to: changed)
        let verify = try CLI.run(["verify", changed.path])
        #expect(verify.status == 1, "\(verify.stdout)")
        #expect(verify.stdout.contains("FAIL"))
        #expect(try pyHanko(changed, f).status != 0)
    }

    static func revisionEnds(_ bytes: [UInt8]) -> [Int] {
        var ends: [Int] = []
        let marker = Array("%%EOF\n".utf8)
        var index = 0
        while index + marker.count <= bytes.count {
            if bytes[index] == marker[0] && Array(bytes[index..<(index + marker.count)]) == marker { ends.append(index + marker.count) }
            index += 1
        }
        return ends
    }

    // MARK: - Bad input: a message, exit 1, the input unchanged, no output

    func refuses(_ arguments: [String], input: URL, output: URL, _ message: String,
                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try Data(contentsOf: input)
        let result = try CLI.run(arguments)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(message), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(try Data(contentsOf: input) == before, "the input must be unchanged", sourceLocation: sourceLocation)
        if output != input {
            #expect(!FileManager.default.fileExists(atPath: output.path), "no output", sourceLocation: sourceLocation)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
            .filter { $0.hasSuffix(".dossier-scratch") }
        #expect(leftovers.isEmpty, "scratch files left: \(leftovers)", sourceLocation: sourceLocation)
    }

    func out(_ f: Fixture) -> URL { f.folder.appendingPathComponent("refused-\(UUID().uuidString).pdf") }

    @Test func aKeyThatIsNotTheCertificatesIsRefused() throws {
        let f = try Self.fixture.get()
        let o = out(f)
        try refuses(Self.sign(f.rendered, o, "ministry", f.pki, key: "stranger"), input: f.rendered, output: o,
                    "the key does not match the certificate")
    }

    @Test func anUnknownFieldIsRefused() throws {
        let f = try Self.fixture.get()
        let o = out(f)
        var arguments = Self.sign(f.rendered, o, "ministry", f.pki)
        arguments[arguments.firstIndex(of: "ministry")!] = "nobody"
        try refuses(arguments, input: f.rendered, output: o, "has no signature field «nobody»")
    }

    /// The field shows what was signed: a reason too long for it is refused, not left out of the field (it was).
    @Test func aReasonThatDoesNotFitTheFieldIsRefused() throws {
        let f = try Self.fixture.get()
        let o = out(f)
        var arguments = Self.sign(f.rendered, o, "ministry", f.pki)
        let reason = arguments.firstIndex(of: "--reason")! + 1
        arguments[reason] = String(repeating: "الموافقة على الاتفاقية الإطار للشراكة الخاصة بمحور الصناعة التقليدية ", count: 2)
        try refuses(arguments, input: f.rendered, output: o, "do not fit in the signature field")
    }

    @Test func anAlreadySignedFieldIsRefused() throws {
        let f = try Self.fixture.get()
        let o = out(f)
        try refuses(Self.sign(f.signed[0], o, "ministry", f.pki), input: f.signed[0], output: o, "is already signed")
    }

    @Test func expiredAndNotYetValidCertificatesAreRefusedUnlessAllowed() throws {
        let f = try Self.fixture.get()
        let field = ["expired": "council", "notyet": "taounate"]
        for (holder, message) in [("expired", "expired on"), ("notyet", "is not valid yet")] {
            let o = out(f)
            var arguments = Self.sign(f.rendered, o, holder, f.pki)
            arguments[arguments.firstIndex(of: holder)!] = field[holder]!
            try refuses(arguments, input: f.rendered, output: o, message)
            let allowed = try CLI.run(arguments + ["--allow-expired"])
            #expect(allowed.status == 0, "\(allowed.stderr)")
            #expect(allowed.stderr.contains("warning: ") && allowed.stderr.contains(message), "\(allowed.stderr)")
        }
    }

    @Test(arguments: ["unreachable", "silent", "garbage", "refuse"])
    func aTimeStampingAuthorityThatFailsStopsTheSigning(mode: String) throws {
        let f = try Self.fixture.get()
        let o = out(f)
        let tsa = mode == "unreachable" ? nil : try LocalTSA(pki: f.pki, mode: mode)
        defer { tsa?.stop() }
        let url = tsa?.url ?? "http://127.0.0.1:9/"
        let started = Date()
        try refuses(Self.sign(f.rendered, o, "ministry", f.pki) + ["--tsa", url, "--tsa-timeout", "3"], input: f.rendered, output: o,
                    mode == "refuse" ? "refused the request" : mode == "garbage" ? "is not a TimeStampResp" : "could not be reached")
        #expect(Date().timeIntervalSince(started) < 20, "the time-out bounds the wait")
    }

    @Test func aPDFThatIsNotADossierIsRefused() throws {
        let f = try Self.fixture.get()
        let draft = f.folder.appendingPathComponent("draft")
        let render = try CLI.run(["render", "--out", draft.path, "--date", "2016-12-08", "--only", "convention", "--draft"])
        #expect(render.status == 0, "\(render.stderr)")
        let input = draft.appendingPathComponent("convention.pdf")
        let o = out(f)
        try refuses(Self.sign(input, o, "ministry", f.pki), input: input, output: o, "is not a Dossier dossier")
    }

    @Test func aDossierChangedSinceRenderingIsRefused() throws {
        let f = try Self.fixture.get()
        var bytes = try Data(contentsOf: f.rendered)
        bytes[5000] ^= 0x01
        let changed = f.folder.appendingPathComponent("changed-before-signing.pdf")
        try bytes.write(to: changed)
        let o = out(f)
        try refuses(Self.sign(changed, o, "ministry", f.pki), input: changed, output: o, "was changed since it was rendered")
        // Bytes appended after rendering without a signature count as a change too.
        let appended = f.folder.appendingPathComponent("appended.pdf")
        try (try Data(contentsOf: f.rendered) + Data("% a note\n".utf8)).write(to: appended)
        try refuses(Self.sign(appended, o, "ministry", f.pki), input: appended, output: o, "was changed since it was rendered")
    }

    @Test func signingInPlaceReplacesTheInputOnlyOnSuccess() throws {
        let f = try Self.fixture.get()
        let copy = f.folder.appendingPathComponent("in-place.pdf")
        try FileManager.default.copyItem(at: f.rendered, to: copy)
        try refuses(Self.sign(copy, copy, "ministry", f.pki, key: "stranger"), input: copy, output: copy, "does not match")
        let result = try CLI.run(Self.sign(copy, copy, "ministry", f.pki))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Data(contentsOf: copy).count > (try Data(contentsOf: f.rendered).count))
        let verify = try CLI.run(["verify", copy.path])
        #expect(verify.status == 0, "\(verify.stdout)")
    }

    // MARK: - PKCS#12

    func signWithP12(_ input: URL, _ output: URL, _ f: Fixture, password: String?) throws -> (status: Int32, stdout: String, stderr: String) {
        try CLI.run(["sign", input.path, "--out", output.path, "--field", "chamber", "--p12", f.pki.appendingPathComponent("chamber.p12").path,
                     "--reason", "موافقة"], environment: password.map { ["DOSSIER_P12_PASSWORD": $0] } ?? [:])
    }

    @Test func aPKCS12FileSignsWithItsPasswordFromTheEnvironment() throws {
        let f = try Self.fixture.get()
        let signed = f.folder.appendingPathComponent("p12-signed.pdf")
        let result = try signWithP12(f.signed[2], signed, f, password: "كلمة-السر-1")
        #expect(result.status == 0, "\(result.stderr)")
        let check = try pyHanko(signed, f)
        #expect(check.status == 0 && check.output.contains("chamber:") , "\(check.output)")
        #expect(check.output.split(separator: "\n").filter { $0.contains(":INTACT:TRUSTED") }.count == 4, "\(check.output)")
    }

    @Test func aWrongPKCS12PasswordIsRefused() throws {
        let f = try Self.fixture.get()
        let o = out(f)
        let before = try Data(contentsOf: f.rendered)
        let result = try signWithP12(f.rendered, o, f, password: "not-the-password")
        #expect(result.status == 1 && result.stderr.contains("chamber.p12: wrong password for this PKCS#12 file"), "\(result.stderr)")
        #expect(try Data(contentsOf: f.rendered) == before && !FileManager.default.fileExists(atPath: o.path))
        let unset = try signWithP12(f.rendered, o, f, password: nil)
        #expect(unset.status == 2 && unset.stderr.contains("DOSSIER_P12_PASSWORD"), "the password is never asked on the command line: \(unset.stderr)")
        let notP12 = try CLI.run(["sign", f.rendered.path, "--out", o.path, "--field", "chamber", "--p12", f.pki.appendingPathComponent("ca.pem").path],
                                 environment: ["DOSSIER_P12_PASSWORD": "x"])
        #expect(notP12.status == 1 && notP12.stderr.contains("is not a PKCS#12 file"), "\(notP12.stderr)")
        #expect(!FileManager.default.fileExists(atPath: o.path))
    }

    // MARK: - Certification (DocMDP)

    /// The first signer certifies the dossier allowing signatures only; a later partner signs; pyHanko reads the
    /// certification's permission (form filling and signing) and finds both signatures valid; verify says so.
    @Test func theFirstSignerCertifiesAndLaterPartnersStillSign() throws {
        let f = try Self.fixture.get()
        let certified = f.folder.appendingPathComponent("certified.pdf"), countersigned = f.folder.appendingPathComponent("certified-2.pdf")
        let first = try CLI.run(Self.sign(f.rendered, certified, "ministry", f.pki) + ["--certify"])
        #expect(first.status == 0, "\(first.stderr)")
        let second = try CLI.run(Self.sign(certified, countersigned, "apdn", f.pki))
        #expect(second.status == 0, "\(second.stderr)")
        let check = try pyHanko(countersigned, f)
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.split(separator: "\n").filter { $0.contains(":INTACT:TRUSTED") }.count == 2, "\(check.output)")
        let python = CLI.repoRoot.appendingPathComponent(".venv/bin/python").path
        let levels = try TestTools.run(python, ["-c", """
            import sys
            from pyhanko.pdf_utils.reader import PdfFileReader
            reader = PdfFileReader(open(sys.argv[1], 'rb'))
            print(' '.join(f'{s.field_name}={s.docmdp_level.value if s.docmdp_level else 0}' for s in reader.embedded_signatures))
            """, countersigned.path])
        #expect(levels.output.trimmingCharacters(in: .whitespacesAndNewlines) == "ministry=2 apdn=0",
                "rule: --certify writes a DocMDP certification with permission 2: \(levels.output)")
        let verify = try CLI.run(["verify", countersigned.path])
        #expect(verify.status == 0 && verify.stdout.contains("certifying signature «ministry»"), "\(verify.stdout)")
    }

    @Test func onlyTheFirstSignatureMayCertify() throws {
        let f = try Self.fixture.get()
        let o = out(f)
        try refuses(Self.sign(f.signed[0], o, "apdn", f.pki) + ["--certify"], input: f.signed[0], output: o,
                    "only the first signature can certify the dossier, and «ministry» has already signed it")
    }

    // MARK: - The forgery of the issue

    /// Two partners' shares of P01 swapped in the attached data, the XMP fingerprint rewritten and the seal
    /// recomputed (Tests/Signing/forge.py, with pikepdf): the seal still "holds" (anyone can recompute it), but
    /// verify compares the attached data with the fingerprint every page prints and fails; on a signed dossier
    /// the signatures break too.
    @Test func aForgedDossierWithARecomputedSealFailsVerify() throws {
        let f = try Self.fixture.get()
        let python = CLI.repoRoot.appendingPathComponent(".venv/bin/python").path
        let script = CLI.repoRoot.appendingPathComponent("Tests/Signing/forge.py").path
        for (input, name) in [(f.rendered, "forged.pdf"), (f.signed[2], "forged-signed.pdf")] {
            let forged = f.folder.appendingPathComponent(name)
            let made = try TestTools.run(python, [script, input.path, forged.path])
            #expect(made.status == 0, "\(made.output)")
            let fingerprints = made.output.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            let verify = try CLI.run(["verify", forged.path, "Examples/taounate-2016/convention.yaml"])
            #expect(verify.status == 1, "rule: a forged dossier fails verify: \(verify.stdout)")
            #expect(verify.stdout.contains("FAIL attached data fingerprint \(fingerprints[1]) differs from the one the pages print (\(fingerprints[0]))"),
                    "\(verify.stdout)")
            #expect(verify.stdout.contains("FAIL Examples/taounate-2016/convention.yaml differs from the data"), "\(verify.stdout)")
            if input != f.rendered {
                #expect(verify.stdout.split(separator: "\n").contains { $0.hasPrefix("FAIL signature") }, "\(verify.stdout)")
            }
        }
    }

    // MARK: - Trust: what the chain check refuses

    /// A certificate whose key usage does not allow signing documents, and one issued by a partner whose own
    /// certificate is not a CA's: both sign (the signatures are intact) but neither is trusted by verify --trust,
    /// each with a message that says why; pyHanko does not trust them either.
    @Test(arguments: [("nosign", "council", "may not sign documents"),
                      ("forged", "taounate", "«INDH Taounate» is not a certification authority")])
    func theChainCheckRefusesWhatACertificateMayNotDo(holder: String, field: String, message: String) throws {
        let f = try Self.fixture.get()
        let signed = f.folder.appendingPathComponent("trust-\(holder).pdf")
        let chain = f.folder.appendingPathComponent("trust-\(holder)-chain.pem")
        let issuers = holder == "forged" ? ["indh.pem", "ca.pem"] : ["ca.pem"]
        try issuers.map { try Data(contentsOf: f.pki.appendingPathComponent($0)) }.reduce(Data(), +).write(to: chain)
        let result = try CLI.run(["sign", f.rendered.path, "--out", signed.path, "--field", field,
                                  "--key", f.pki.appendingPathComponent("\(holder).key").path,
                                  "--cert", f.pki.appendingPathComponent("\(holder).pem").path, "--chain", chain.path])
        #expect(result.status == 0, "\(result.stderr)")
        let verify = try CLI.run(["verify", signed.path, "--trust", f.pki.appendingPathComponent("ca.pem").path])
        #expect(verify.status == 1, "rule: verify --trust refuses a chain the certificates do not allow: \(verify.stdout)")
        #expect(verify.stdout.contains("its bytes are intact") && verify.stdout.contains("not trusted: ") && verify.stdout.contains(message),
                "\(verify.stdout)")
        let check = try pyHanko(signed, f)
        #expect(!check.output.contains(":INTACT:TRUSTED"), "pyHanko agrees: \(check.output)")
    }
}

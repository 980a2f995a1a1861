import DossierTestSupport
import Foundation
import Testing

/// `verify` and `extract` on PDFs made to hurt: an attachment that inflates to far more than any
/// convention's data is refused while it is being inflated, with a clear message and exit 1.
@Suite struct HostilePDFTests {
    /// Python's `write_pdf(path, objects)`: writes the bodies of objects 1…n (the first the catalog) as a PDF file
    /// with its cross-reference table. The scripts that make hostile PDFs start with it.
    static let pdfWriter = """
        def write_pdf(path, objects):
            out = bytearray(b"%PDF-1.7\\n")
            offsets = []
            for number, body in enumerate(objects, 1):
                offsets.append(len(out))
                out += str(number).encode() + b" 0 obj\\n" + body + b"\\nendobj\\n"
            xref = len(out)
            size = str(len(objects) + 1).encode()
            out += b"xref\\n0 " + size + b"\\n0000000000 65535 f \\n" + b"".join(b"%010d 00000 n \\n" % o for o in offsets)
            out += b"trailer\\n<< /Size " + size + b" /Root 1 0 R >>\\nstartxref\\n" + str(xref).encode() + b"\\n%%EOF\\n"
            open(path, "wb").write(out)
        """

    /// Writes a minimal PDF (one page) whose `convention.json` attachment is `inflated` zero bytes,
    /// compressed, declaring `declared` bytes in /Params /Size (or nothing). Python's zlib makes the bomb.
    static func bomb(inflated: Int, declared: Int?, in folder: URL) throws -> URL {
        let file = folder.appendingPathComponent("bomb.pdf")
        let script = """
            import sys, zlib
            path, size, declared = sys.argv[1], int(sys.argv[2]), sys.argv[3]
            z = zlib.compressobj(9)
            chunk = bytes(1 << 20)
            data = b"".join(z.compress(chunk[:min(len(chunk), size - done)]) for done in range(0, size, len(chunk))) + z.flush()
            params = b"" if declared == "none" else b" /Params << /Size " + declared.encode() + b" >>"
            objects = [
                b"<< /Type /Catalog /Pages 2 0 R /AF [4 0 R] >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
                b"<< /Type /Filespec /F (convention.json) /UF (convention.json) /EF << /F 5 0 R >> >>",
                b"<< /Type /EmbeddedFile /Filter /FlateDecode /Length " + str(len(data)).encode() + params + b" >>\\nstream\\n" + data + b"\\nendstream",
            ]
            write_pdf(path, objects)
            """
        let made = try TestTools.run("python3", ["-c", Self.pdfWriter + "\n" + script, file.path, String(inflated), declared.map(String.init) ?? "none"])
        try #require(made.status == 0, "\(made.output)")
        return file
    }

    static let refusal = "is larger than 64 MB once inflated"

    /// A page whose content claims to be compressed but is not: `verify` and `extract` said only «corrupt», naming
    /// neither the file nor what in it.
    @Test(arguments: ["verify", "extract"])
    func aDamagedPageContentIsNamedWithItsFile(command: String) throws {
        let folder = try TestTools.scratch("damaged")
        let pdf = folder.appendingPathComponent("damaged.pdf")
        let script = """
            import sys
            data = b"this is not zlib data at all"
            objects = [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
                b"<< /Filter /FlateDecode /Length " + str(len(data)).encode() + b" >>\\nstream\\n" + data + b"\\nendstream",
            ]
            write_pdf(sys.argv[1], objects)
            """
        let made = try TestTools.run("python3", ["-c", Self.pdfWriter + "\n" + script, pdf.path])
        try #require(made.status == 0, "\(made.output)")
        let arguments = command == "verify" ? ["verify", pdf.path] : ["extract", pdf.path, "--out", folder.appendingPathComponent("out").path]
        let result = try CLI.run(arguments)
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(pdf.path): a page's content or the text map of one of its fonts is not valid compressed data: the file is damaged"), "\(result.stderr)")
    }

    @Test func verifyRefusesAnAttachmentThatInflatesPastTheLimit() throws {
        let folder = try TestTools.scratch("bomb")
        let pdf = try Self.bomb(inflated: 200 << 20, declared: nil, in: folder)
        #expect(try FileManager.default.attributesOfItem(atPath: pdf.path)[.size] as? Int ?? 0 < 1 << 20)
        let result = try CLI.run(["verify", pdf.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("the attached file «convention.json» \(Self.refusal)"), "\(result.stderr)")
    }

    @Test func extractRefusesItAndWritesNothing() throws {
        let folder = try TestTools.scratch("bomb")
        let pdf = try Self.bomb(inflated: 200 << 20, declared: nil, in: folder)
        let out = folder.appendingPathComponent("out")
        let result = try CLI.run(["extract", pdf.path, "--out", out.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains(Self.refusal), "\(result.stderr)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: out.path))?.isEmpty ?? true)
    }

    @Test func aDeclaredSizeOverTheLimitIsRefusedBeforeInflating() throws {
        let folder = try TestTools.scratch("bomb")
        let pdf = try Self.bomb(inflated: 1000, declared: 3 << 30, in: folder)
        let result = try CLI.run(["verify", pdf.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(Self.refusal) (it declares 3221225472 bytes)"), "\(result.stderr)")
    }

    @Test func aDeclaredSizeThatLiesIsReported() throws {
        let folder = try TestTools.scratch("bomb")
        let pdf = try Self.bomb(inflated: 5000, declared: 10, in: folder)
        let result = try CLI.run(["extract", pdf.path, "--out", folder.appendingPathComponent("out").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("declares 10 bytes but holds 5000: the file is damaged"), "\(result.stderr)")
    }

    @Test func aSmallAttachmentStillExtracts() throws {
        let folder = try TestTools.scratch("bomb")
        let pdf = try Self.bomb(inflated: 5000, declared: 5000, in: folder)
        let out = folder.appendingPathComponent("out")
        let result = try CLI.run(["extract", pdf.path, "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Data(contentsOf: out.appendingPathComponent("convention.json")) == Data(count: 5000))
    }
}

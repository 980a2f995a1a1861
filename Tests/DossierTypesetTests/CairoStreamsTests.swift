@testable import DossierArchive
import DossierTestSupport
import Foundation
import Testing

/// The pass that compresses the streams Cairo leaves plain (`CairoStreams`), on small files written here in Cairo's
/// manner, judged by qpdf's command line: it must read every dictionary form Cairo could write (nested dictionaries
/// with a /Length of their own, strings holding ">>" and escaped brackets, CR LF after `stream`, direct and
/// indirect lengths) and give back data that decodes to what it was.
@Suite struct CairoStreamsTests {
    static let content = Data("BT /f-0-0 1 Tf (>> stream) Tj ET\n/Private << /MCID 0 >> BDC\nq Q\nEMC\n".utf8)

    /// A PDF of `objects` (numbered from 1) with a classic cross-reference table, as Cairo writes it.
    static func pdf(_ objects: [Data]) -> Data {
        var file = Data("%PDF-1.5\n".utf8)
        var offsets: [Int] = []
        for (index, body) in objects.enumerated() {
            offsets.append(file.count)
            file += Data("\(index + 1) 0 obj\n".utf8) + body + Data("\nendobj\n".utf8)
        }
        let table = file.count
        file += Data("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n".utf8)
        for offset in offsets { file += Data(String(format: "%010d 00000 n \n", offset).utf8) }
        file += Data("trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(table)\n%%EOF\n".utf8)
        return file
    }

    static func stream(_ dictionary: String, _ data: Data, lineEnd: String = "\n") -> Data {
        Data("\(dictionary)\nstream\(lineEnd)".utf8) + data + Data("\nendstream".utf8)
    }

    static let form = Data("0 0 m 10 10 l S\n".utf8)

    static func sample(contents: String = "4 0 R") -> Data {
        pdf([
            Data("<< /Type /Catalog /Pages 2 0 R >>".utf8),
            Data("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".utf8),
            Data("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Contents \(contents) /Resources << /XObject << /X1 6 0 R >> >> >>".utf8),
            stream("<< /Length 5 0 R\n>>", content, lineEnd: "\r\n"),
            Data("\(content.count)".utf8),
            stream("<< /Type /XObject /Subtype /Form /BBox [ 0 0 10 10 ] /Resources << /Length 9 /Pattern << /P 9 0 R >> >> /Name (a\\)b >> (c)) /Length \(form.count) >>", form),
            Data("[ 4 0 R ]".utf8),
        ])
    }

    static func qpdf(_ arguments: [String]) throws -> String {
        let result = try TestTools.run("qpdf", arguments)
        #expect(result.status == 0 || result.status == 3, "qpdf \(arguments.joined(separator: " ")): \(result.output)")
        return result.output
    }

    @Test func everyPlainStreamIsCompressedAndDecodesToWhatItWas() throws {
        let folder = try TestTools.scratch("cairo-streams")
        let input = folder.appendingPathComponent("cairo.pdf"), output = folder.appendingPathComponent("out.pdf")
        try Self.sample().write(to: input)
        try PDFFinisher.compressStreams(input, into: output)
        let check = try Self.qpdf(["--check", output.path])
        #expect(check.contains("No syntax or stream encoding errors"), "\(check)")
        #expect(try Self.qpdf(["--show-object=4", "--filtered-stream-data", output.path]) == String(decoding: Self.content, as: UTF8.self))
        #expect(try Self.qpdf(["--show-object=6", "--filtered-stream-data", output.path]) == String(decoding: Self.form, as: UTF8.self))
        for id in [4, 6] {
            let dictionary = try Self.qpdf(["--show-object=\(id)", output.path])
            #expect(dictionary.contains("/Filter /FlateDecode"), "object \(id) is not compressed: \(dictionary)")
        }
        // The form keeps its other entries, the nested /Length and the string whole (read in the file itself: qpdf
        // would show the string re-escaped and drop the reference to a missing object).
        let written = String(decoding: try Data(contentsOf: output), as: UTF8.self)
        for entry in ["/BBox [ 0 0 10 10 ]", "/Resources << /Length 9 /Pattern << /P 9 0 R >> >>", "/Name (a\\)b >> (c))",
                      "/Subtype /Form"] {
            #expect(written.contains(entry), "the form lost \(entry): \(written)")
        }
        // The content's length object is freed (object 5's entry in the table), not left behind.
        let table = try #require(written.range(of: "xref\n0 8\n")).upperBound
        let entry5 = written[table...].split(separator: "\n")[5]
        #expect(entry5.hasSuffix(" f "), "object 5 was not freed: \(entry5)")
    }

    @Test func aPageContentThatIsNotAStreamIsRefusedByPage() throws {
        let folder = try TestTools.scratch("cairo-streams-array")
        let input = folder.appendingPathComponent("cairo.pdf")
        try Self.sample(contents: "7 0 R").write(to: input)
        let cairo = try CairoFile(contentsOf: input)
        var changes = PDFFinisher.Changes(firstNew: 8)
        #expect(throws: (any Error).self) { _ = try CairoStreams.rewrite(cairo, contents: [7: 0], roles: [], &changes) }
        do {
            _ = try CairoStreams.rewrite(cairo, contents: [7: 0], roles: [], &changes)
        } catch {
            #expect("\(error)".contains("page 1's content (object 7) is not a stream"), "\(error)")
        }
    }
}

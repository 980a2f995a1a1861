import DossierTestSupport
import Foundation
import Testing

/// Images Cairo cannot decode are refused when the dossier is laid out, with the image and the layout line,
/// instead of being silently left out of the PDF.
@Suite struct HostileImageTests {
    /// A copy of the layouts whose convention dossier shows `map.png` (line 1 of a new fragment), and
    /// that image made from a real PNG by `damage`.
    static func layouts(damaging damage: (inout [UInt8]) -> Void) throws -> URL {
        let work = try TestTools.scratch("image")
        let layouts = work.appendingPathComponent("layouts")
        try FileManager.default.copyItem(at: CLI.repoRoot.appendingPathComponent("Layouts"), to: layouts)
        let convention = layouts.appendingPathComponent("convention.xml")
        try String(contentsOf: convention, encoding: .utf8)
            .replacingOccurrences(of: "<body>", with: "<body><include src=\"map.xml\"/>")
            .write(to: convention, atomically: true, encoding: .utf8)
        try "<fragment><image src=\"map.png\" alt=\"خريطة\"/></fragment>"
            .write(to: layouts.appendingPathComponent("map.xml"), atomically: true, encoding: .utf8)
        var png = try [UInt8](Data(contentsOf: CLI.repoRoot.appendingPathComponent("Tests/DossierTypesetTests/Goldens/chart-bars-rtl.png")))
        damage(&png)
        try Data(png).write(to: layouts.appendingPathComponent("map.png"))
        return layouts
    }

    static func render(_ layouts: URL) throws -> (status: Int32, stderr: String, files: [String]) {
        let out = layouts.deletingLastPathComponent().appendingPathComponent("out")
        let result = try CLI.run(["render", "--layouts", layouts.path, "--out", out.path, "--only", "convention", "--date", "2016-12-08"])
        let files = FileManager.default.enumerator(atPath: out.path)?.allObjects as? [String] ?? []
        return (result.status, result.stderr, files)
    }

    @Test func aSoundImageRenders() throws {
        let result = try Self.render(Self.layouts { _ in })
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func aTruncatedImageIsReportedWithItsLayoutLine() throws {
        let result = try Self.render(Self.layouts { $0.removeLast($0.count / 2) })
        #expect(result.status == 1)
        #expect(result.stderr.contains("map.xml:1:"), "\(result.stderr)")
        #expect(result.stderr.contains("map.png cannot be used: the file is truncated"), "\(result.stderr)")
        #expect(result.files.filter { !$0.hasSuffix("/") && $0 != "." }.allSatisfy { !$0.hasSuffix(".pdf") && !$0.hasPrefix(".") },
                "\(result.files)")
    }

    @Test func undecodableImageDataIsReported() throws {
        // Damage inside the first IDAT chunk, with its CRC fixed up: only inflating the data finds it.
        let result = try Self.render(Self.layouts { png in
            let idat = PNGBytes.chunkOffset(png, "IDAT")!
            let length = Int(PNGBytes.be32(png, idat))
            for i in (idat + 8 + 2)..<(idat + 8 + min(length, 40)) { png[i] = 0xFF }
            PNGBytes.fixCRC(&png, chunk: idat)
        })
        #expect(result.status == 1)
        #expect(result.stderr.contains("map.xml:1:") && result.stderr.contains("map.png cannot be used: its image data is"),
                "\(result.stderr)")
    }

    @Test func aCorruptChecksumIsReported() throws {
        let result = try Self.render(Self.layouts { png in png[PNGBytes.chunkOffset(png, "IDAT")! + 20] ^= 0x55 })
        #expect(result.status == 1)
        #expect(result.stderr.contains("map.png cannot be used: its IDAT chunk is corrupt (checksum mismatch)"), "\(result.stderr)")
    }
}

/// Enough of the PNG format to damage a file on purpose.
enum PNGBytes {
    static func be32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }

    /// The offset of the first chunk of `type` (its length field).
    static func chunkOffset(_ b: [UInt8], _ type: String) -> Int? {
        var offset = 8
        while offset + 8 <= b.count {
            if String(decoding: b[(offset + 4)..<(offset + 8)], as: UTF8.self) == type { return offset }
            offset += 12 + Int(be32(b, offset))
        }
        return nil
    }

    /// Rewrites the CRC of the chunk at `chunk` (CRC-32 of its type and data, computed here bit by bit).
    static func fixCRC(_ b: inout [UInt8], chunk: Int) {
        let length = Int(be32(b, chunk))
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in b[(chunk + 4)..<(chunk + 8 + length)] {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        crc ^= 0xFFFF_FFFF
        let at = chunk + 8 + length
        for i in 0..<4 { b[at + i] = UInt8((crc >> (24 - 8 * UInt32(i))) & 0xFF) }
    }
}

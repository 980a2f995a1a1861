import Foundation

/// The few pieces of PDF syntax the finishing and signing steps write themselves: text strings and streams.
enum PDFSyntax {
    /// A text string: ASCII printable as a literal `(…)`, anything else as UTF-16BE with a byte-order mark.
    static func text(_ s: String) -> String {
        if s.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F && $0 != "(" && $0 != ")" && $0 != "\\" }) {
            return "(\(s))"
        }
        // Written digit by digit: String(format:) per unit is slow for the thousands of figure descriptions of a
        // long dossier.
        let digits = Array("0123456789ABCDEF".utf8)
        var hex = Array("<FEFF".utf8)
        hex.reserveCapacity(6 + s.utf16.count * 4)
        for unit in s.utf16 {
            for shift in stride(from: 12, through: 0, by: -4) { hex.append(digits[Int(unit >> UInt16(shift)) & 0xF]) }
        }
        hex.append(UInt8(ascii: ">"))
        return String(decoding: hex, as: UTF8.self)
    }

    /// A stream object body: `dictionary` entries (without /Length and /Filter) and the data, compressed
    /// with Flate unless `compress` is false (PDF/A-1 readers want XMP uncompressed).
    static func stream(_ entries: String, data: Data, compress: Bool = true, deflated: Data? = nil) throws -> Data {
        let body = compress ? try (deflated ?? deflate(data)) : data
        var out = Data("<< \(entries)\(compress ? " /Filter /FlateDecode" : "") /Length \(body.count) >>\nstream\n".utf8)
        out += body
        out += Data("\nendstream".utf8)
        return out
    }

    /// Flate compression (zlib format, `Deflate`).
    static func deflate(_ data: Data) throws -> Data { try Deflate.zlib(data) }
}

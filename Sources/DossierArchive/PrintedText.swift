import CQPDF
import Foundation

/// The text a page prints, read from its content stream through each font's /ToUnicode map, in the order it
/// is drawn (the visual order the dossiers write). Enough to find what the footer prints, such as the
/// fingerprint: `verify` compares the attached data with what the pages print, not with metadata that anyone
/// can rewrite without touching a page.
enum PrintedText {
    /// The text of a page's content stream, one line per text object.
    static func text(of page: qpdf_oh, _ d: QPDFDocument, maps: inout [Int: ToUnicode]) throws -> String {
        let fonts = d.key(page, "/Resources").flatMap { d.key($0, "/Font") }
        guard let contents = d.key(page, "/Contents") else { return "" }
        let streams = qpdf_oh_is_array(d.q, contents) != 0 ? d.items(contents) : [contents]
        var data = Data()
        for stream in streams { data += try d.boundedStreamData(stream) + Data("\n".utf8) }
        var out = "", map: ToUnicode?
        var lastName = ""
        for token in ContentTokens(Array(data)) {
            switch token {
            case .name(let name): lastName = name
            case .op("Tf"):
                map = fonts.flatMap { d.key($0, "/" + lastName) }.map { font in
                    let id = d.objectID(font)
                    if let known = maps[id] { return known }
                    let parsed = (try? d.key(font, "/ToUnicode").map { try d.boundedStreamData($0) }).flatMap { $0 }.map(ToUnicode.init) ?? ToUnicode()
                    maps[id] = parsed
                    return parsed
                }
            case .string(let bytes): out += map?.decode(bytes) ?? String(decoding: bytes, as: UTF8.self)
            case .op("ET"): out += "\n"
            default: break
            }
        }
        return out
    }
}

/// A font's /ToUnicode CMap: character codes (one or two bytes) to text.
struct ToUnicode {
    var codeBytes = 1
    var map: [Int: String] = [:]

    init() {}

    init(_ cmap: Data) {
        let text = String(decoding: cmap, as: UTF8.self)
        if let range = text.range(of: #"begincodespacerange\s*<([0-9A-Fa-f]+)>"#, options: .regularExpression) {
            codeBytes = max(1, text[range].split(separator: "<").last!.filter(\.isHexDigit).count / 2)
        }
        for section in Self.sections(text, "bfchar") {
            let hexes = Self.hexes(section)
            for index in stride(from: 0, to: hexes.count - 1, by: 2) { map[Self.number(hexes[index])] = Self.utf16(hexes[index + 1]) }
        }
        for section in Self.sections(text, "bfrange") {
            for line in section.split(whereSeparator: \.isNewline) {
                let hexes = Self.hexes(Substring(line))
                guard hexes.count >= 3 else { continue }
                let low = Self.number(hexes[0]), high = Self.number(hexes[1])
                guard high >= low, high - low < 65536 else { continue }
                if line.contains("[") {
                    for (offset, hex) in hexes.dropFirst(2).enumerated() where low + offset <= high { map[low + offset] = Self.utf16(hex) }
                } else {
                    var units = Array(Self.units(hexes[2]))
                    for code in low...high {
                        map[code] = String(decoding: units, as: UTF16.self)
                        if !units.isEmpty { units[units.count - 1] &+= 1 }
                    }
                }
            }
        }
    }

    func decode(_ bytes: [UInt8]) -> String {
        var out = ""
        var index = 0
        while index + codeBytes <= bytes.count {
            let code = bytes[index..<(index + codeBytes)].reduce(0) { $0 << 8 | Int($1) }
            out += map[code] ?? ""
            index += codeBytes
        }
        return out
    }

    static func sections(_ text: String, _ name: String) -> [Substring] {
        let pieces: [String] = text.components(separatedBy: "begin\(name)")
        return pieces.dropFirst().compactMap { piece -> Substring? in piece.components(separatedBy: "end\(name)").first.map { Substring($0) } }
    }

    static func hexes(_ text: Substring) -> [Substring] {
        text.split(separator: "<").compactMap { $0.split(separator: ">", maxSplits: 1, omittingEmptySubsequences: false).first }
            .filter { !$0.isEmpty && $0.allSatisfy(\.isHexDigit) }
    }

    static func number(_ hex: Substring) -> Int { Int(hex, radix: 16) ?? -1 }

    static func units(_ hex: Substring) -> [UInt16] {
        let digits = Array(hex)
        return stride(from: 0, to: digits.count - 3, by: 4).compactMap { UInt16(String(digits[$0..<($0 + 4)]), radix: 16) }
    }

    static func utf16(_ hex: Substring) -> String { String(decoding: units(hex), as: UTF16.self) }
}

/// The tokens of a content stream that text extraction needs: names, strings, operators (numbers, arrays and
/// dictionaries pass as operators it ignores).
struct ContentTokens: Sequence, IteratorProtocol {
    enum Token { case name(String), string([UInt8]), op(String) }
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func next() -> Token? {
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
        guard index < bytes.count else { return nil }
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "("): return .string(literal())
        case UInt8(ascii: "<") where index + 1 < bytes.count && bytes[index + 1] != UInt8(ascii: "<"): return .string(hex())
        case UInt8(ascii: "/"):
            index += 1
            return .name(String(decoding: word(), as: UTF8.self))
        case UInt8(ascii: "%"):
            while index < bytes.count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
            return .op("%")
        case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ">"):
            index += 1
            return .op(String(UnicodeScalar(byte)))
        case UInt8(ascii: "<"):
            index += 2
            return .op("<<")
        default:
            let op = String(decoding: word(), as: UTF8.self)
            if op == "ID" { skipInlineImage() }
            return .op(op.isEmpty ? String(UnicodeScalar(bytes[index - 1])) : op)
        }
    }

    private mutating func word() -> ArraySlice<UInt8> {
        let start = index
        while index < bytes.count, !Self.isSpace(bytes[index]), !Self.isDelimiter(bytes[index]) { index += 1 }
        if index == start { index += 1 }
        return bytes[start..<index]
    }

    private mutating func literal() -> [UInt8] {
        var out: [UInt8] = [], depth = 0
        index += 1
        while index < bytes.count {
            let c = bytes[index]
            index += 1
            if c == UInt8(ascii: "\\"), index < bytes.count {
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var value = Int(e - 48)
                    for _ in 0..<2 where index < bytes.count && (48...55).contains(bytes[index]) {
                        value = value * 8 + Int(bytes[index] - 48); index += 1
                    }
                    out.append(UInt8(value & 0xFF))
                case 0x0A, 0x0D: break
                default: out.append(e)
                }
            } else if c == UInt8(ascii: "(") {
                depth += 1; out.append(c)
            } else if c == UInt8(ascii: ")") {
                if depth == 0 { break }
                depth -= 1; out.append(c)
            } else {
                out.append(c)
            }
        }
        return out
    }

    private mutating func hex() -> [UInt8] {
        index += 1
        var digits: [UInt8] = []
        while index < bytes.count, bytes[index] != UInt8(ascii: ">") {
            if let value = Self.hexValue(bytes[index]) { digits.append(value) }
            index += 1
        }
        index += 1
        if digits.count % 2 == 1 { digits.append(0) }
        return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }

    private mutating func skipInlineImage() {
        while index + 2 < bytes.count, !(bytes[index] == UInt8(ascii: "E") && bytes[index + 1] == UInt8(ascii: "I") && Self.isSpace(bytes[index + 2])) {
            index += 1
        }
        index += 2
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 65...70: return c - 55
        case 97...102: return c - 87
        default: return nil
        }
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0C || c == 0 }
    static func isDelimiter(_ c: UInt8) -> Bool { "()<>[]{}/%".utf8.contains(c) }
}

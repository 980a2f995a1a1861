import Foundation

/// Checks on the raw bytes of a layout file, made before the XML parser sees them.
enum LayoutBytes {
    /// Refuses a file that is not valid UTF-8, naming the line and column of the first bad byte.
    static func checkUTF8(_ data: Data, file: String) throws {
        let bytes = [UInt8](data)
        guard let offset = firstInvalidUTF8(bytes) else { return }
        let byte = String(format: "0x%02X", bytes[offset])
        throw XMLTreeParser.Failure(location: location(of: offset, in: bytes, file: file),
                                    message: "byte \(byte) is not valid UTF-8; layouts are UTF-8 text "
                                        + "(save the file as UTF-8 in your editor)")
    }

    /// Refuses `<!DOCTYPE`, `<!ENTITY` and any other declaration outside comments and CDATA sections:
    /// entities would silently change or drop text, and layouts need none.
    static func checkNoDeclarations(_ data: Data, file: String) throws {
        let bytes = [UInt8](data)
        var index = 0
        while let open = find([0x3C, 0x21], in: bytes, from: index) {  // "<!"
            if starts(bytes, at: open, with: "<!--") {
                index = (find(Array("-->".utf8), in: bytes, from: open + 4) ?? bytes.count - 3) + 3
            } else if starts(bytes, at: open, with: "<![CDATA[") {
                index = (find(Array("]]>".utf8), in: bytes, from: open + 9) ?? bytes.count - 3) + 3
            } else {
                throw XMLTreeParser.Failure(location: location(of: open, in: bytes, file: file),
                                            message: "DOCTYPE and entity declarations are not allowed in layouts; write the "
                                                + "text itself, and &amp; &lt; &gt; &quot; &apos; for the special characters")
            }
        }
    }

    /// The offset of the first byte that does not start or continue a well-formed UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            guard let length = sequenceLength(bytes, at: index) else { return index }
            index += length
        }
        return nil
    }

    /// The length of the well-formed UTF-8 sequence at `index` (Unicode table 3-7), nil if there is none.
    private static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int? {
        let lead = bytes[index]
        let (count, second): (Int, ClosedRange<UInt8>)
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: (count, second) = (2, 0x80...0xBF)
        case 0xE0: (count, second) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (count, second) = (3, 0x80...0xBF)
        case 0xED: (count, second) = (3, 0x80...0x9F)  // no surrogates
        case 0xF0: (count, second) = (4, 0x90...0xBF)
        case 0xF1...0xF3: (count, second) = (4, 0x80...0xBF)
        case 0xF4: (count, second) = (4, 0x80...0x8F)  // nothing above U+10FFFF
        default: return nil
        }
        guard index + count <= bytes.count, second.contains(bytes[index + 1]) else { return nil }
        for offset in 2..<count where !(0x80...0xBF).contains(bytes[index + offset]) { return nil }
        return count
    }

    /// Line and column (in characters, from 1) of a byte offset whose preceding bytes are valid UTF-8.
    static func location(of offset: Int, in bytes: [UInt8], file: String) -> LayoutLocation {
        let before = bytes[..<offset]
        let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let lineStart = (before.lastIndex(of: 0x0A) ?? -1) + 1
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1
        return LayoutLocation(file: file, line: line, column: column)
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, start <= bytes.count - needle.count else { return nil }
        for index in start...(bytes.count - needle.count) where bytes[index] == needle[0] {
            if Array(bytes[index..<index + needle.count]) == needle { return index }
        }
        return nil
    }

    private static func starts(_ bytes: [UInt8], at index: Int, with prefix: String) -> Bool {
        let needle = Array(prefix.utf8)
        return index + needle.count <= bytes.count && Array(bytes[index..<index + needle.count]) == needle
    }
}

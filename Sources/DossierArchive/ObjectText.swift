import Foundation

/// The text of one small object Cairo wrote (a structure element, a parent tree array), read and edited here
/// rather than through libqpdf: libqpdf keeps every object it reads in memory, about 5 KB each, and the
/// finishing edits tens of thousands of them in a long dossier (a header cell's scope, a figure's alternative
/// text, the parent tree entries of artifacts).
struct ObjectText {
    /// The object's body: what stands between "N G obj" and "endobj".
    let body: Data

    init(_ body: Data) { self.body = body }

    /// The body of a dictionary with `entry` (a key and its value in PDF syntax, "/A 12 0 R") added.
    func adding(_ entry: String) -> Data? {
        let bytes = [UInt8](body)
        var end = bytes.count
        while end > 0, Token.isSpace(bytes[end - 1]) { end -= 1 }
        guard end >= 2, bytes[end - 2] == UInt8(ascii: ">"), bytes[end - 1] == UInt8(ascii: ">") else { return nil }
        return Data(bytes[..<(end - 2)] + Array("\(entry)\n>>".utf8))
    }

    /// The object number a dictionary's `key` refers to ("/P 12 0 R" → 12), looked for in the dictionary itself,
    /// not in those it holds.
    func reference(_ key: String) -> Int? {
        let tokens = Token.all(in: body)
        var depth = 0
        for (index, token) in tokens.enumerated() {
            switch token {
            case "<<", "[": depth += 1
            case ">>", "]": depth -= 1
            case key where depth == 1 && index + 3 < tokens.count && tokens[index + 3] == "R":
                return Int(tokens[index + 1])
            default: break
            }
        }
        return nil
    }

    /// The items of the array the object is ("[ 4 0 R null 7 0 R ]"), or of the array a dictionary's `key` holds,
    /// each as its text ("4 0 R", "null"); only arrays of numbers, names, keywords and references.
    func arrayItems(of key: String? = nil) -> [String]? {
        let tokens = Token.all(in: body)
        var start = 0
        if let key {
            guard let found = tokens.indices.first(where: { tokens[$0] == key && $0 + 1 < tokens.count && tokens[$0 + 1] == "[" }) else {
                return nil
            }
            start = found + 1
        }
        guard start < tokens.count, tokens[start] == "[", let end = tokens[start...].firstIndex(of: "]") else { return nil }
        var items: [String] = []
        var index = start + 1
        while index < end {
            if index + 2 < end, tokens[index + 2] == "R" {
                items.append(tokens[index...(index + 2)].joined(separator: " "))
                index += 3
            } else {
                items.append(tokens[index])
                index += 1
            }
        }
        return items
    }

    /// An array whose items are written with its text.
    static func array(_ items: [String]) -> Data { Data(("[ " + items.joined(separator: " ") + " ]").utf8) }

    /// The object number of a reference item ("4 0 R" → 4).
    static func referenced(_ item: String) -> Int? {
        item.hasSuffix(" R") ? item.split(separator: " ").first.flatMap { Int($0) } : nil
    }

    /// PDF tokens: delimiters, names, numbers and keywords, strings whole.
    enum Token {
        static func isSpace(_ byte: UInt8) -> Bool {
            switch byte {
            case 0x00, 0x09, 0x0A, 0x0C, 0x0D, 0x20: return true
            default: return false
            }
        }

        static func isDelimiter(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["), UInt8(ascii: "]"),
                 UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "/"), UInt8(ascii: "%"): return true
            default: return false
            }
        }

        static func all(in data: Data) -> [String] {
            let bytes = [UInt8](data)
            var tokens: [String] = []
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if isSpace(byte) { index += 1; continue }
                let start = index
                switch byte {
                case UInt8(ascii: "<") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "<"),
                     UInt8(ascii: ">") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: ">"):
                    index += 2
                case UInt8(ascii: "["), UInt8(ascii: "]"):
                    index += 1
                case UInt8(ascii: "("):
                    index = endOfLiteralString(bytes, from: index)
                case UInt8(ascii: "<"):
                    while index < bytes.count, bytes[index] != UInt8(ascii: ">") { index += 1 }
                    index += 1
                default:
                    index += 1  // a name's slash, or the first character of a number or keyword
                    while index < bytes.count, !isSpace(bytes[index]), !isDelimiter(bytes[index]) { index += 1 }
                }
                tokens.append(String(decoding: bytes[start..<min(index, bytes.count)], as: UTF8.self))
            }
            return tokens
        }

        /// Past the ")" that closes the literal string opening at `start` (balanced brackets, escapes).
        static func endOfLiteralString(_ bytes: [UInt8], from start: Int) -> Int {
            var depth = 0
            var index = start
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\\"): index += 1
                case UInt8(ascii: "("): depth += 1
                case UInt8(ascii: ")"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default: break
                }
                index += 1
            }
            return index
        }
    }
}

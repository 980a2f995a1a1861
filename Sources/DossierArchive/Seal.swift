import Crypto
import Foundation

/// The content seal: the file identifier (`/ID` in the trailer) is the SHA-256 of the whole file with that
/// identifier zeroed. Re-rendering the same input gives the same identifier; changing any byte of the file
/// breaks it, which `verify` detects.
public enum Seal {
    /// What the identifier holds while the seal is worked out.
    static let zeros = [UInt8](repeating: UInt8(ascii: "0"), count: 32)

    /// Whether `bytes` still carry their seal. Nil when the file has no identifier at all.
    public static func isIntact(_ bytes: [UInt8]) -> Bool? {
        guard let ranges = identifierRanges(bytes) else { return nil }
        let stored = Array(bytes[ranges[0]])
        var zeroed = bytes
        for range in ranges { zeroed.replaceSubrange(range, with: zeros) }
        return Array(hex(digestOf: zeroed).utf8.prefix(32)) == stored && ranges.allSatisfy { Array(bytes[$0]) == stored }
    }

    /// Lowercase hexadecimal SHA-256.
    public static func hex(digestOf bytes: some DataProtocol) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// The two 32-hex-digit strings of the last `/ID [<…><…>]` in the file.
    static func identifierRanges(_ bytes: [UInt8]) -> [Range<Int>]? {
        let marker = Array("/ID [<".utf8)
        guard bytes.count > marker.count else { return nil }
        var index = bytes.count - marker.count
        while index >= 0 {
            if bytes[index] == marker[0], Array(bytes[index..<(index + marker.count)]) == marker { break }
            index -= 1
        }
        guard index >= 0 else { return nil }
        let first = (index + marker.count)..<(index + marker.count + 32)
        let second = (first.upperBound + 2)..<(first.upperBound + 34)
        guard second.upperBound <= bytes.count, bytes[first.upperBound] == UInt8(ascii: ">"),
              bytes[first.upperBound + 1] == UInt8(ascii: "<") else { return nil }
        return [first, second]
    }
}

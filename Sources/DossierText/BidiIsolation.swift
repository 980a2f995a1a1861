/// Wraps left-to-right material inside right-to-left text in isolates (LRI … PDI).
///
/// Without isolation the Unicode bidi algorithm splits `2015 – 2020` or `1 250 000` at the neutral
/// characters and lays the pieces out right to left (`2020 – 2015`, `000 250 1`). An isolate keeps each
/// number, date, code or Latin phrase whole and left to right, while the sentence around it stays RTL.
public enum BidiIsolation {
    static let lri: Unicode.Scalar = "\u{2066}"
    static let pdi: Unicode.Scalar = "\u{2069}"

    /// Western digits and Latin letters: the characters that start and end an LTR token.
    static func isCore(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: return true
        default: return false
        }
    }

    /// Characters allowed between two core characters of one token: separators of numbers, dates, codes,
    /// ranges and Latin phrases.
    static func isJoiner(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case " ", "\u{00A0}", "\u{202F}", ".", ",", "/", "-", "\u{2013}", "\u{2014}", ":", "_", "'", "&", "+", "@":
            return true
        default: return false
        }
    }

    /// Returns `text` with every LTR token wrapped in LRI … PDI. Applied to every RTL paragraph, including
    /// those with no Arabic letter: a table cell holding only `1 250 000` would otherwise read `000 250 1`.
    /// Brackets directly around a token, as in `(PDF)`, go inside the isolate so they are not mirrored apart.
    public static func isolate(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            guard isCore(scalars[index]) else {
                out.append(scalars[index]); index += 1; continue
            }
            let end = tokenEnd(scalars, from: index)
            var start = index
            var stop = end
            // Take enclosing brackets inside the isolate.
            if let last = out.last, last == "(", stop < scalars.count, scalars[stop] == ")" {
                out.removeLast(); start = index; stop += 1
                out.append(lri); out.append("(")
                out.append(contentsOf: joined(scalars[start..<stop]))
                out.append(pdi)
            } else {
                out.append(lri); out.append(contentsOf: joined(scalars[start..<stop])); out.append(pdi)
            }
            index = stop
        }
        return String(out)
    }

    static let wordJoiner: Unicode.Scalar = "\u{2060}"

    /// The token with a word joiner after each dash or slash that a letter or digit follows: line breaking
    /// (UAX #14) may break after them, and a code, a range or a date must never be split across lines
    /// (`2017–` / `2023`). The joiner is invisible and draws no glyph, so it never reaches the PDF text.
    ///
    /// The same after a space that binds a number to a number or to a dash (`2015 – 2020`, `1 250 000`): the
    /// line may break at the spaces of a Latin phrase, never inside a spaced range or a grouped amount.
    static func joined(_ token: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        for (offset, scalar) in zip(token.indices, token) {
            result.append(scalar)
            guard offset + 1 < token.endIndex else { continue }
            let next = token[offset + 1]
            let breaksAfter = dashes.contains(scalar) || scalar == "/"
            if breaksAfter, isCore(next) { result.append(wordJoiner) }
            if scalar == " ", offset > token.startIndex, bindsAcrossSpace(token[offset - 1], next) { result.append(wordJoiner) }
        }
        return result
    }

    static let dashes: Set<Unicode.Scalar> = ["-", "\u{2010}", "\u{2012}", "\u{2013}", "\u{2014}"]

    /// Whether a space between `before` and `after` belongs to one number or range: digits or dashes on both sides.
    static func bindsAcrossSpace(_ before: Unicode.Scalar, _ after: Unicode.Scalar) -> Bool {
        let numeric = { (s: Unicode.Scalar) in ("0"..."9").contains(s) || dashes.contains(s) }
        return numeric(before) && numeric(after)
    }

    /// The end (exclusive) of the token starting at `start`: core characters, and joiners followed by more core.
    private static func tokenEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var end = start
        var probe = start
        while probe < scalars.count {
            if isCore(scalars[probe]) {
                probe += 1; end = probe
            } else if isJoiner(scalars[probe]) {
                var look = probe
                while look < scalars.count, isJoiner(scalars[look]) { look += 1 }
                guard look < scalars.count, isCore(scalars[look]), look - probe <= 3 else { break }
                probe = look
            } else {
                break
            }
        }
        return end
    }

    /// Byte ranges of the isolates in UTF-8 `bytes` (from LRI to PDI inclusive).
    public static func isolatedRanges(in bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var open: Int? = nil
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == 0xE2, bytes[index + 1] == 0x81 {
                if bytes[index + 2] == 0xA6 { open = index }
                if bytes[index + 2] == 0xA9, let start = open { ranges.append(start..<(index + 3)); open = nil }
            }
            index += 1
        }
        return ranges
    }
}

/// "Did you mean …?" for a misspelt key, column, element, style or field: the one helper the data loader and
/// the layout compiler share, so that both suggest the same way.
public enum Suggest {
    /// The candidate closest to `word` (case-insensitive edit distance), if it is close enough to be a typo:
    /// at most 2 edits, or a third of the word's length for long words.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(Array(word.lowercased()), Array($0.lowercased()))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, word.count / 3) else { return nil }
        return best.0
    }

    /// ` (did you mean «name»?)`, or nothing when no candidate is close; `quote` writes the name as the
    /// message around it does (`«…»` for data and attributes, `<…>` for elements).
    public static func hint(for word: String, in candidates: [String], quote: (String) -> String = { "«\($0)»" }) -> String {
        closest(to: word, in: candidates).map { " (did you mean \(quote($0))?)" } ?? ""
    }

    /// Levenshtein distance: insertions, deletions and substitutions each cost one.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1]
            for (j, cb) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}

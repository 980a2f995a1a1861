extension StringProtocol {
    /// The text without one line ending at its very end (`\n`, `\r\n`, `\r`, vertical tab, form feed, U+0085,
    /// U+2028 or U+2029), if it has one.
    ///
    /// Why: checks that were regular expressions anchored with `$` accepted such an ending (without the multiline
    /// option, ICU's `$` also matches before a final line terminator); the hand-written checks that replaced them
    /// keep accepting exactly what they did.
    package var droppingFinalLineEnd: SubSequence {
        // "\r\n" is one character: dropping the last character drops both.
        guard let last = unicodeScalars.last, ["\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"].contains(last) else {
            return self[...]
        }
        return dropLast()
    }
}

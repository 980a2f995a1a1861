/// Where Arabic typesetters elongate a word, in their usual order of preference.
///
/// The order is the one word processors have followed since Internet Explorer 5.5's kashida justification
/// (LibreOffice's `i18nutil` keeps it too): the first rule that finds a place in a word wins, and a word gets at
/// most one elongation point. A point is the join *before* a letter: the tatweel extends the letter before it.
public enum KashidaRule: Int, CaseIterable, Comparable, Sendable {
    /// The writer already put a tatweel in the word: lengthen it.
    case afterUserTatweel = 1
    /// After an initial or medial seen or sad (س ش ص ض): their long tail is where scribes stretch first.
    case afterSeenOrSad
    /// Before a final teh marbuta, heh or dal (ة ه د ذ).
    case beforeFinalTehMarbutaHehDal
    /// Before a final alef, tah, lam, kaf or gaf (ا ط ل ك گ), but never between lam and alef (the lam-alef ligature).
    case beforeFinalAlefTahLamKafGaf
    /// Before a medial beh-like letter (ب ت ث ن ي) that is followed by a reh or a yeh (ر ز ي ى).
    case beforeMedialBehBeforeRehYeh
    /// Before a final waw, ain, qaf or feh (و ع ق ف).
    case beforeFinalWawAinQafFeh
    /// Before any other final joining letter, except a final yeh (a yeh is only stretched to after a seen).
    case beforeOtherFinal

    public static func < (a: KashidaRule, b: KashidaRule) -> Bool { a.rawValue < b.rawValue }

    /// A short name for dumps and test messages.
    public var name: String {
        switch self {
        case .afterUserTatweel: return "after-user-tatweel"
        case .afterSeenOrSad: return "after-seen-sad"
        case .beforeFinalTehMarbutaHehDal: return "before-final-teh-marbuta-heh-dal"
        case .beforeFinalAlefTahLamKafGaf: return "before-final-alef-tah-lam-kaf-gaf"
        case .beforeMedialBehBeforeRehYeh: return "before-medial-beh-then-reh-yeh"
        case .beforeFinalWawAinQafFeh: return "before-final-waw-ain-qaf-feh"
        case .beforeOtherFinal: return "before-other-final"
        }
    }
}

/// One place in a word where a tatweel may go.
public struct KashidaPoint: Hashable, Sendable {
    /// Index (in the word's Unicode scalars) of the letter the tatweel goes before.
    public var before: Int
    /// Index of the letter the tatweel extends (the joining letter before `before`, marks skipped).
    public var extends: Int
    public var rule: KashidaRule
    public init(before: Int, extends: Int, rule: KashidaRule) { self.before = before; self.extends = extends; self.rule = rule }
}

/// The rules, on a word given as Unicode scalars in logical order.
public enum KashidaRules {
    /// Words with fewer letters (vowel marks and tatweels not counted) are never elongated.
    public static let minimumLetters = 3

    /// Every place a rule names in `word`, best rule first; within a rule, in logical order.
    /// Places inside lam-alef, across a zero-width non-joiner or between letters that do not join are never listed,
    /// nor any place in a word of fewer than three letters.
    public static func candidates(in word: [Unicode.Scalar]) -> [KashidaPoint] {
        // A stretched particle (`عـن`, `مـن`) draws the eye more than the words it serves, and two letters leave
        // no shape to the word around the tatweel: typesetters leave them alone.
        guard word.filter({ !ArabicJoining.isMark($0) && $0 != ArabicJoining.tatweel }).count >= minimumLetters else { return [] }
        var found: [KashidaPoint] = []
        for index in word.indices where !ArabicJoining.isMark(word[index]) {
            guard let previous = previousLetter(before: index, in: word),
                  ArabicJoining.joins(word[previous], to: word[index]) else { continue }
            if let rule = rule(extending: previous, before: index, in: word) {
                found.append(KashidaPoint(before: index, extends: previous, rule: rule))
            }
        }
        return found.sorted { ($0.rule, $0.before) < ($1.rule, $1.before) }
    }

    /// The elongation point of `word`: the best candidate at a place HarfBuzz marks safe
    /// (`safeBefore(i)`: a tatweel may go before scalar `i` without changing the shaping around it).
    public static func elongationPoint(in word: [Unicode.Scalar], safeBefore: (Int) -> Bool) -> KashidaPoint? {
        candidates(in: word).first { safeBefore($0.before) }
    }

    private static func rule(extending a: Int, before b: Int, in word: [Unicode.Scalar]) -> KashidaRule? {
        let first = word[a], second = word[b]
        if first == ArabicJoining.tatweel { return .afterUserTatweel }
        if ArabicJoining.seenSad.contains(first) { return .afterSeenOrSad }
        let next = nextLetter(after: b, in: word)
        let isFinal = next.map { !ArabicJoining.joins(second, to: word[$0]) } ?? true
        if isFinal {
            if ArabicJoining.tehMarbutaHehDal.contains(second) { return .beforeFinalTehMarbutaHehDal }
            if ArabicJoining.alefs.contains(second) {
                // Lam and alef make one ligature: there is no join between them to stretch.
                return ArabicJoining.lams.contains(first) ? nil : .beforeFinalAlefTahLamKafGaf
            }
            if ArabicJoining.tahLamKafGaf.contains(second) { return .beforeFinalAlefTahLamKafGaf }
            if ArabicJoining.wawAinQafFeh.contains(second) { return .beforeFinalWawAinQafFeh }
            // A stretched final yeh looks like a misspelling; only after a seen (handled above) is it usual.
            if ArabicJoining.yehs.contains(second) { return nil }
            return .beforeOtherFinal
        }
        if ArabicJoining.behLike.contains(second), let next, ArabicJoining.rehYeh.contains(word[next]) {
            return .beforeMedialBehBeforeRehYeh
        }
        return nil
    }

    /// The nearest scalar before `index` that is not a vowel mark.
    static func previousLetter(before index: Int, in word: [Unicode.Scalar]) -> Int? {
        var i = index - 1
        while i >= 0 {
            if !ArabicJoining.isMark(word[i]) { return i }
            i -= 1
        }
        return nil
    }

    /// The nearest scalar after `index` that is not a vowel mark.
    static func nextLetter(after index: Int, in word: [Unicode.Scalar]) -> Int? {
        var i = index + 1
        while i < word.count {
            if !ArabicJoining.isMark(word[i]) { return i }
            i += 1
        }
        return nil
    }
}

/// The Arabic joining classes the rules need (Unicode's ArabicShaping.txt, for the letters Arabic and Moroccan
/// texts use). Anything not listed does not join: digits, Latin, punctuation, hamza, ZWNJ.
enum ArabicJoining {
    static let tatweel: Unicode.Scalar = "\u{0640}"
    static let zeroWidthJoiner: Unicode.Scalar = "\u{200D}"

    /// Letters that join on both sides.
    static let dualJoining: Set<Unicode.Scalar> = Set("ؠئبتثجحخسشصضطظعغػؼؽؾؿفقكلمنهيىٮٯپچڤڭکگی".unicodeScalars)
    /// Letters that join only to the letter before them.
    static let rightJoining: Set<Unicode.Scalar> = Set("آأؤإاةدذرزوٱژ".unicodeScalars)

    static let seenSad: Set<Unicode.Scalar> = Set("سشصض".unicodeScalars)
    static let tehMarbutaHehDal: Set<Unicode.Scalar> = Set("ةهدذ".unicodeScalars)
    static let alefs: Set<Unicode.Scalar> = Set("اأإآٱ".unicodeScalars)
    static let lams: Set<Unicode.Scalar> = Set("ل".unicodeScalars)
    static let tahLamKafGaf: Set<Unicode.Scalar> = Set("طظلكکگ".unicodeScalars)
    static let wawAinQafFeh: Set<Unicode.Scalar> = Set("وؤعغقفڤ".unicodeScalars)
    static let yehs: Set<Unicode.Scalar> = Set("يىیئ".unicodeScalars)
    static let behLike: Set<Unicode.Scalar> = Set("بتثنيئپیٮ".unicodeScalars)
    static let rehYeh: Set<Unicode.Scalar> = Set("رزژيىی".unicodeScalars)

    /// Vowel marks and other combining marks: transparent to joining.
    static func isMark(_ s: Unicode.Scalar) -> Bool {
        s.properties.generalCategory == .nonspacingMark || s.properties.generalCategory == .enclosingMark
    }

    /// Whether `a` joins to the letter `b` that follows it.
    static func joins(_ a: Unicode.Scalar, to b: Unicode.Scalar) -> Bool {
        let aJoinsForward = dualJoining.contains(a) || a == tatweel || a == zeroWidthJoiner
        let bJoinsBackward = dualJoining.contains(b) || rightJoining.contains(b) || b == tatweel
        return aJoinsForward && bJoinsBackward
    }
}

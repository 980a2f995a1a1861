/// Writes amounts of dirhams in Arabic words, as conventions and cheques state them:
/// 28 250 000 → «ثمانية وعشرون مليونا ومائتان وخمسون ألف درهم».
///
/// Grammar of the counted noun (تمييز العدد), applied to dirhams, centimes, thousands and millions alike:
/// - 1: the noun then «واحد» (درهم واحد); 2: the dual (درهمان); alone, a scale word needs no number (ألف، ألفان);
/// - 3–10: the plural, genitive (ثلاثة دراهم، عشرة آلاف، خمسة ملايين);
/// - 11–99: the singular, accusative with tanween (أحد عشر درهما، خمسون ألفا، ثمانية وعشرون مليونا);
/// - 100, 200… (last two digits zero): the singular, genitive (مائة درهم، مائتا ألف);
/// - a compound ending in 1 (101, 1001): the number then the singular (مائة وواحد درهم), as cheques write;
/// - a compound ending in 2 (102, 1002, 102 000): the rest, then the dual, since «اثنان» never counts a
///   singular noun (مائة درهم ودرهمان، ألف درهم ودرهمان، مائة ألف وألفا درهم).
/// Amounts from a million millions (10^12 dirhams) up have no scale word here and are refused (nil), as are
/// negative amounts; validation refuses them with their place.
/// When a scale word is directly followed by the noun it counts (… ألف درهم), it takes the construct form:
/// no tanween (خمسون ألف درهم), and the dual loses its nūn (ألفا درهم، مائتا درهم).
/// Numbers are in the nominative, the usual form in written amounts.
public enum AmountInWords {
    struct Noun {
        var singular: String      // درهم
        var dual: String          // درهمان
        var dualConstruct: String // درهما
        var plural: String        // دراهم
        var accusative: String    // درهما
    }

    static let dirham = Noun(singular: "درهم", dual: "درهمان", dualConstruct: "درهما", plural: "دراهم", accusative: "درهما")
    static let centime = Noun(singular: "سنتيم", dual: "سنتيمان", dualConstruct: "سنتيما", plural: "سنتيمات", accusative: "سنتيما")
    static let scales = [
        Noun(singular: "ألف", dual: "ألفان", dualConstruct: "ألفا", plural: "آلاف", accusative: "ألفا"),
        Noun(singular: "مليون", dual: "مليونان", dualConstruct: "مليونا", plural: "ملايين", accusative: "مليونا"),
        Noun(singular: "مليار", dual: "ملياران", dualConstruct: "مليارا", plural: "ملايير", accusative: "مليارا"),
    ]

    static let units = ["", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة",
                        "أحد عشر", "اثنا عشر", "ثلاثة عشر", "أربعة عشر", "خمسة عشر", "ستة عشر", "سبعة عشر", "ثمانية عشر", "تسعة عشر"]
    static let tens = ["", "", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"]
    static let hundreds = ["", "مائة", "مائتان", "ثلاثمائة", "أربعمائة", "خمسمائة", "ستمائة", "سبعمائة", "ثمانمائة", "تسعمائة"]

    /// The largest amount of dirhams written in words: 999 999 999 999 (below a million millions).
    public static let largestDirhams: Int64 = 999_999_999_999

    /// The amount in words: dirhams, then «و» and centimes when there are any. Negative amounts and amounts
    /// past `largestDirhams` are refused (nil).
    public static func words(_ amount: Money) -> String? {
        guard amount.centimes >= 0, amount.dirhamsAndCentimes.0 <= largestDirhams else { return nil }
        let (dirhams, centimes) = amount.dirhamsAndCentimes
        if dirhams == 0 && centimes == 0 { return "صفر درهم" }
        var parts: [String] = []
        if dirhams > 0 { parts.append(count(dirhams, of: dirham)) }
        if centimes > 0 { parts.append(count(centimes, of: centime)) }
        return parts.joined(separator: " و")
    }

    /// `value` of `noun` in words, with the noun in the form the number requires.
    static func count(_ value: Int64, of noun: Noun) -> String {
        // «اثنان» counts no singular: 102 is said «مائة درهم ودرهمان».
        if value > 2, value % 100 == 2 { return count(value - 2, of: noun) + " و" + noun.dual }
        var groups: [Int] = []
        var rest = value
        while rest > 0 { groups.append(Int(rest % 1000)); rest /= 1000 }
        // Highest group first; the noun follows the lowest non-zero group.
        let lowest = groups.firstIndex { $0 != 0 } ?? 0
        var words: [String] = []
        for index in stride(from: groups.count - 1, through: 0, by: -1) where groups[index] != 0 {
            let isLast = index == lowest
            if index == 0 {
                words.append(counted(groups[index], noun: noun, compound: groups.count > 1))
            } else {
                let scale = scales[min(index - 1, scales.count - 1)]
                // One or two thousands (millions…) are said by the noun alone: «ألف», «ألفان».
                let phrase: String
                switch groups[index] {
                case 1: phrase = scale.singular
                case 2: phrase = isLast ? scale.dualConstruct : scale.dual
                case let group where group % 100 == 2:
                    // 102 000: «مائة ألف وألفا درهم», not «مائة واثنان ألف».
                    phrase = counted(group - 2, noun: scale, compound: false) + " و" + (isLast ? scale.dualConstruct : scale.dual)
                default: phrase = counted(groups[index], noun: scale, compound: false, construct: isLast)
                }
                words.append(isLast ? phrase + " " + noun.singular : phrase)
            }
        }
        return words.joined(separator: " و")
    }

    /// A number from 1 to 999 with its counted noun. `construct`: the noun is itself followed by another noun.
    static func counted(_ n: Int, noun: Noun, compound: Bool, construct: Bool = false) -> String {
        let lastTwo = n % 100
        switch lastTwo {
        case 1 where n == 1: return compound ? "واحد " + noun.singular : (construct ? noun.singular : noun.singular + " واحد")
        case 2 where n == 2: return compound ? "اثنان " + noun.singular : (construct ? noun.dualConstruct : noun.dual)
        default: break
        }
        let number = numberWords(n, constructHundreds: lastTwo == 0)
        switch lastTwo {
        case 0: return number + " " + noun.singular
        case 1, 2: return number + " " + noun.singular
        case 3...10: return number + " " + noun.plural
        default: return number + " " + (construct ? noun.singular : noun.accusative)
        }
    }

    /// 1…999 in words. `constructHundreds`: «مائتا» rather than «مائتان» when a noun follows directly.
    static func numberWords(_ n: Int, constructHundreds: Bool) -> String {
        var parts: [String] = []
        let h = n / 100, rest = n % 100
        if h > 0 { parts.append(h == 2 && constructHundreds ? "مائتا" : hundreds[h]) }
        if rest > 0 {
            if rest < 20 {
                parts.append(units[rest])
            } else if rest % 10 == 0 {
                parts.append(tens[rest / 10])
            } else {
                parts.append(units[rest % 10] + " و" + tens[rest / 10])
            }
        }
        return parts.joined(separator: " و")
    }
}

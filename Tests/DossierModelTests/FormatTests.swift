import DossierModel
import Foundation
import Testing

@Suite struct MoneyTests {
    @Test(arguments: [
        ("28250000", Int64(2_825_000_000)), ("2410000.50", 241_000_050), ("5.3 M", 530_000_000), ("5,3 M", 530_000_000),
        ("1.74 MDH", 174_000_000), ("750 K", 75_000_000), ("2 410 000,50", 241_000_050), ("0.01", 1), ("-12", -1200),
        ("28.25 M", 2_825_000_000),
    ])
    func parsesAmountsExactly(text: String, centimes: Int64) {
        #expect(Money(parsing: text)?.centimes == centimes)
    }

    @Test(arguments: ["abc", "1.2.3", "0.001", "5.3 X", "", "12."])
    func refusesWhatIsNotAnAmount(text: String) {
        #expect(Money(parsing: text) == nil)
    }

    @Test func sumsAreExact() {
        let parts = ["5.3 M", "3.5 M", "3.8 M", "2.41 M", "2.5 M", "1.74 M", "7 M", "2 M"].compactMap(Money.init(parsing:))
        #expect(parts.reduce(.zero, +) == Money(dirhams: 28_250_000))
        // 0.1 + 0.2 is exactly 0.3 here, unlike floating point.
        #expect(Money(parsing: "0.1")! + Money(parsing: "0.2")! == Money(parsing: "0.3")!)
    }
}

@Suite struct MoroccanFormatTests {
    let latn = MoroccanFormat()
    let arab = MoroccanFormat(numerals: .arab)

    @Test func money() {
        #expect(latn.money(Money(dirhams: 28_250_000)) == "28.250.000,00 درهم")
        #expect(latn.money(Money(centimes: 241_000_050)) == "2.410.000,50 درهم")
        #expect(latn.money(Money(centimes: 5)) == "0,05 درهم")
        #expect(latn.moneyNumber(Money(dirhams: 999)) == "999,00")
    }

    @Test func millions() {
        #expect(latn.millions(Money(dirhams: 28_250_000)) == "28,25 مليون درهم")
        #expect(latn.millions(Money(dirhams: 5_300_000)) == "5,3 مليون درهم")
        #expect(latn.millions(Money(dirhams: 7_000_000)) == "7 ملايين درهم")
        #expect(latn.millions(Money(dirhams: 2_000_000)) == "2 مليون درهم")
        #expect(latn.millions(Money(dirhams: 1_740_000)) == "1,74 مليون درهم")
        #expect(latn.millionsNumber(Money(dirhams: 2_405_000)) == "2,41")
    }

    @Test func percentages() {
        #expect(latn.percent(Decimal(string: "12.5")!) == "12,5 %")
        #expect(latn.percent(35) == "35 %")
        #expect(latn.percent(Decimal(string: "33.333")!) == "33,3 %")
    }

    @Test func datesUseMoroccanMonthNames() {
        #expect(latn.date(Day(year: 2016, month: 12, day: 8)) == "8 دجنبر 2016")
        #expect(latn.date(Day(year: 2017, month: 5, day: 1)) == "1 ماي 2017")
        #expect(latn.date(Day(year: 2017, month: 7, day: 14)) == "14 يوليوز 2017")
        #expect(latn.date(Day(year: 2017, month: 8, day: 20)) == "20 غشت 2017")
    }

    @Test func monthNamesAgreeWithICU() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "ar_MA")
        formatter.dateFormat = "MMMM"
        formatter.timeZone = TimeZone(identifier: "UTC")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for month in 1...12 {
            let date = calendar.date(from: DateComponents(year: 2016, month: month, day: 1))!
            #expect(formatter.string(from: date) == MoroccanFormat.months[month - 1])
        }
    }

    @Test func arabicIndicDigitsAreAppliedEverywhere() {
        #expect(arab.money(Money(dirhams: 28_250_000)) == "٢٨٬٢٥٠٬٠٠٠٫٠٠ درهم")
        #expect(arab.millions(Money(dirhams: 28_250_000)) == "٢٨٫٢٥ مليون درهم")
        #expect(arab.percent(Decimal(string: "12.5")!) == "١٢٫٥ %")
        #expect(arab.date(Day(year: 2016, month: 12, day: 8)) == "٨ دجنبر ٢٠١٦")
        #expect(arab.integer(700) == "٧٠٠")
    }
}

/// Worked examples of amounts in words: the grammar of the counted noun is the point.
@Suite struct AmountInWordsTests {
    static let table: [(String, String)] = [
        ("0", "صفر درهم"),
        ("1", "درهم واحد"),
        ("2", "درهمان"),
        ("3", "ثلاثة دراهم"),
        ("10", "عشرة دراهم"),
        ("11", "أحد عشر درهما"),
        ("12", "اثنا عشر درهما"),
        ("21", "واحد وعشرون درهما"),
        ("99", "تسعة وتسعون درهما"),
        ("100", "مائة درهم"),
        ("101", "مائة وواحد درهم"),
        ("103", "مائة وثلاثة دراهم"),
        ("200", "مائتا درهم"),
        ("250", "مائتان وخمسون درهما"),
        ("1000", "ألف درهم"),
        ("1001", "ألف وواحد درهم"),
        ("2000", "ألفا درهم"),
        ("2500", "ألفان وخمسمائة درهم"),
        ("3000", "ثلاثة آلاف درهم"),
        ("11000", "أحد عشر ألف درهم"),
        ("11500", "أحد عشر ألفا وخمسمائة درهم"),
        ("100000", "مائة ألف درهم"),
        ("200000", "مائتا ألف درهم"),
        ("1000000", "مليون درهم"),
        ("2000000", "مليونا درهم"),
        ("3000000", "ثلاثة ملايين درهم"),
        ("5300000", "خمسة ملايين وثلاثمائة ألف درهم"),
        ("28250000", "ثمانية وعشرون مليونا ومائتان وخمسون ألف درهم"),
        ("2410000", "مليونان وأربعمائة وعشرة آلاف درهم"),
        ("0.50", "خمسون سنتيما"),
        ("0.01", "سنتيم واحد"),
        ("0.05", "خمسة سنتيمات"),
        ("2410000.50", "مليونان وأربعمائة وعشرة آلاف درهم وخمسون سنتيما"),
        ("1.02", "درهم واحد وسنتيمان"),
        // «اثنان» never counts a singular noun: the dual follows the rest.
        ("102", "مائة درهم ودرهمان"),
        ("1002", "ألف درهم ودرهمان"),
        ("2502", "ألفان وخمسمائة درهم ودرهمان"),
        ("102000", "مائة ألف وألفا درهم"),
        ("102500", "مائة ألف وألفان وخمسمائة درهم"),
        ("302000000", "ثلاثمائة مليون ومليونا درهم"),
        ("0.02", "سنتيمان"),
        ("999999999999", "تسعمائة وتسعة وتسعون مليارا وتسعمائة وتسعة وتسعون مليونا وتسعمائة وتسعة وتسعون ألفا وتسعمائة وتسعة وتسعون درهما"),
    ]

    @Test(arguments: table)
    func writesTheAmount(amount: String, words: String) {
        #expect(AmountInWords.words(Money(parsing: amount)!) == words)
    }

    @Test func refusesNegativeAmounts() {
        #expect(AmountInWords.words(Money(centimes: -1)) == nil)
    }

    /// A million millions has no scale word: refused rather than spelled as «مليار» (a thousand times less).
    @Test func refusesAmountsPastTheLargestScale() {
        #expect(AmountInWords.words(Money(parsing: "1000000000000")!) == nil)
        #expect(AmountInWords.words(Money(parsing: "999999999999.99")!) != nil)
    }
}

/// The hand-written checks that replaced anchored regular expressions accept one final line ending, as `$` did.
@Suite struct FinalLineEndTests {
    @Test func oneFinalLineEndIsDropped() {
        for (text, expected) in [("12\n", "12"), ("12\r\n", "12"), ("12\r", "12"), ("12\u{85}", "12"), ("12\u{2028}", "12"),
                                 ("12\n\n", "12\n"), ("12", "12"), ("", ""), ("\n", ""), ("1 2 ", "1 2 ")] {
            #expect(String(text.droppingFinalLineEnd) == expected, "final-line-end rule: \(text.debugDescription)")
        }
    }
}

import Foundation

/// Writes valid synthetic conventions of any size for benchmarks: names, communes and partners varied
/// deterministically from the Taounate sample, amounts adding up exactly.
package enum SyntheticConvention {
    static let titles = ["إحداث مركب للنسيج التقليدي", "إحداث قرية للمنتوجات النباتية", "إحداث دار الصانعة للفخار القروي النسوي",
                         "تثمين الفخار القروي النسوي الثقافي والتاريخي", "إحداث دار الصانعة للخياطة التقليدية",
                         "إحداث فضاءات لتسويق المنتوجات الحرفية", "إحداث مركز للتكوين بالتدرج المهني في حرف الصناعة التقليدية",
                         "إحداث مركب للصناعات الحرفية"]
    static let communes = ["جماعة بوعادل", "جماعة اجبابرة", "جماعة بني سنوس", "جماعة البيبان", "جماعة كيسان", "مدينة تاونات",
                           "جماعة أورتزاغ", "جماعة غفساي", "جماعة تيسة", "جماعة قرية با محمد"]
    /// Short names as in the sample: the financing matrix heads its columns with them.
    static let partners: [(id: String, name: String, shortName: String, kind: String)] = [
        ("ministry", "وزارة الصناعة التقليدية والاقتصاد الاجتماعي والتضامني", "الوزارة", "ministry"),
        ("apdn", "وكالة إنعاش وتنمية أقاليم الشمال", "وكالة الشمال", "agency"),
        ("indh", "المبادرة الوطنية للتنمية البشرية", "المبادرة الوطنية", "agency"),
        ("council", "المجلس الإقليمي", "المجلس الإقليمي", "council"),
        ("chamber", "غرفة الصناعة التقليدية لجهة فاس مكناس", "غرفة الصناعة التقليدية", "chamber"),
        ("commune", "الجماعات المعنية", "الجماعات", "commune"),
    ]
    /// Shares of each project's amount, in percent of the partners above (they add up to 100).
    static let shares = [40, 25, 15, 10, 5, 5]

    /// The YAML of a convention with `count` projects.
    package static func yaml(projects count: Int) -> String {
        var projects = ""
        var total: Int64 = 0
        for index in 0..<count {
            // 1 to 8 million dirhams in steps of 10 000, varied deterministically.
            let amount = Int64(1_000_000 + (index * 7919 % 700) * 10_000)
            total += amount
            var lines = ""
            var assigned: Int64 = 0
            for (p, share) in shares.enumerated() {
                let part = p == shares.count - 1 ? amount - assigned : amount * Int64(share) / 100
                assigned += part
                lines += "      - {partner: \(partners[p].id), amount: \(part)}\n"
            }
            let physical = index * 37 % 101
            let committed = amount * Int64(index * 13 % 90) / 100
            let disbursed = committed * Int64(index * 29 % 100) / 100
            projects += """
              - code: P\(String(format: "%04d", index + 1))
                title: \(titles[index % titles.count]) رقم \(index + 1)
                locations: [{commune: \(communes[index % communes.count]), douars: [دوار \(index % 17 + 1)]}]
                amount: \(amount)
                beneficiaries: \(20 + index % 80)
                implementing_body: المديرية الإقليمية للصناعة التقليدية
                description: مشروع تركيبي لأغراض قياس السرعة، مبني على معطيات اتفاقية تاونات.
                objectives: [تحسين ظروف اشتغال الصناع, تثمين المنتوج المحلي]
                financing:
            \(lines)    schedule: {start: 2016-01-01, end: 2019-12-31}
                status: in_progress
                progress: {physical: \(physical), committed: \(committed), disbursed: \(disbursed)}

            """
        }
        var partnerText = ""
        for partner in partners {
            partnerText += "  - {id: \(partner.id), name: \(partner.name), short_name: \(partner.shortName), kind: \(partner.kind), "
                + "contacts: [{email: \(partner.id)@example.org}]}\n"
        }
        return """
        # Synthetic convention of \(count) projects for benchmarks (generated; not real data).
        convention:
          reference: BENCH-\(count)
          title: اتفاقية تركيبية لقياس السرعة تضم \(count) مشروعا
          programme: البرنامج المندمج للتنمية الإقليمية 2015 – 2020
          axis: محور الصناعة التقليدية
          period: {start: 2015-01-01, end: 2020-12-31}
          province: إقليم تاونات
          total_amount: \(total)
          beneficiaries: \(count * 60)
          illustrative: [all]
          note: معطيات تركيبية لأغراض قياس السرعة.
        partners:
        \(partnerText)projects:
        \(projects)meetings:
          - {date: 2016-12-08, place: مقر عمالة إقليم تاونات, chair: عامل الإقليم, agenda: [تتبع تقدم المشاريع]}

        """
    }
}

import DossierContent
import DossierModel
import DossierTemplate
import Foundation

/// A specimen document that exercises every typesetting feature in Arabic: justified paragraphs with
/// numbers and Latin inside, headings, a table long enough to break over pages, header and footer.
package enum Specimen {
    static let body = TextStyle(family: "Amiri", size: 12)
    static let tableText = TextStyle(family: "Noto Naskh Arabic", size: 10)

    /// The specimen, dated `date` (`YYYY-MM-DD`) for reproducible output; with a convention, it also shows
    /// every chart kind on its data.
    package static func document(date: String = "2016-12-08", convention: Convention? = nil) -> Document {
        Document(template: template(), metadata: Metadata(
            title: "نموذج الطباعة: ملف اتفاقية الشراكة",
            author: "عمالة إقليم تاونات",
            subject: "البرنامج المندمج للتنمية الإقليمية 2015 – 2020، محور الصناعة التقليدية",
            keywords: "تاونات، الصناعة التقليدية، اتفاقية إطار، Dossier",
            creationDate: "\(date)T00:00:00Z"),
            blocks: blocks() + (convention.map(chartBlocks) ?? []))
    }

    static func template() -> PageTemplate {
        let small = TextStyle(family: "Amiri", size: 9, color: "#444444")
        return PageTemplate(
            margins: Margins(top: 62, bottom: 62, start: 56.7, end: 56.7),
            header: RunningText(paragraph: Paragraph("المملكة المغربية – عمالة إقليم تاونات – نموذج الطباعة", text: small,
                                                     paragraph: ParagraphStyle(align: .center, spaceAfter: 0))),
            footer: RunningText(paragraph: Paragraph("الصفحة {page} من {pages}", text: small,
                                                     paragraph: ParagraphStyle(align: .center, spaceAfter: 0))))
    }

    static func heading(_ text: String, level: Int, anchor: String) -> Block {
        let size = level == 1 ? 20.0 : 15
        return .heading(Heading(level: level, paragraph: Paragraph(
            text, text: TextStyle(family: "Amiri", size: size, bold: true, color: "#1f3a5f"),
            paragraph: ParagraphStyle(align: .start, spaceBefore: level == 1 ? 0 : 10, spaceAfter: 6)), anchor: anchor))
    }

    static func paragraph(_ text: String, align: TextAlign = .justify, indent: Double = 0) -> Block {
        .paragraph(Paragraph(text, text: body,
                             paragraph: ParagraphStyle(align: align, lineHeight: 1.15, firstLineIndent: indent)))
    }

    static func blocks() -> [Block] {
        var blocks: [Block] = [
            heading("ملف اتفاقية الشراكة: نموذج الطباعة", level: 1, anchor: "title"),
            paragraph("تعرض هذه الصفحات قدرات محرك التنضيد العربي: تشكيل الحروف المتصلة، وأشكال لام ألف مثل «لا» و«الإسلام»، "
                + "والحركات في «مُحَمَّدٌ وَالْكِتَابُ»، والأرقام داخل النص العربي.", indent: 18),
            paragraph("يندرج هذا المشروع في إطار البرنامج المندمج للتنمية الإقليمية 2015 – 2020، محور الصناعة التقليدية، "
                + "بكلفة إجمالية قدرها 28,25 مليون درهم (أي 28.250.000,00 درهم)، ويستفيد منه حوالي 700 صانع وصانعة. "
                + "وتساهم فيه المبادرة الوطنية للتنمية البشرية INDH إلى جانب الوزارة والوكالة، ويُرسل الملف إلى الشركاء بصيغة (PDF) "
                + "عبر البريد الإلكتروني، كما يُرفق بالاتفاقية الموقعة بتاريخ 8 دجنبر 2016 تحت الرقم TAO-2016/07.", indent: 18),
            heading("الأرقام والتواريخ داخل النص", level: 2, anchor: "numbers"),
            paragraph("المبلغ: 1 250 000 درهم؛ النسبة: 12,5 %؛ الفترة: من 2015 إلى 2020؛ الرمز: P-04؛ "
                + "البريد: contact@example.org؛ الأرقام الهندية: ٢٨٬٢٥ مليون درهم."),
            .paragraph(Paragraph("Paragraphe de gauche à droite : la convention-cadre de partenariat (28,25 MDH) "
                + "réunit le ministère, l'agence du Nord et l'INDH pour la province de Taounate.",
                text: body, paragraph: ParagraphStyle(direction: .ltr, align: .justify, lineHeight: 1.15))),
            .rule(RuleBlock()),
            heading("جدول المشاريع", level: 2, anchor: "table"),
            .table(projectsTable()),
            heading("المحاذاة", level: 2, anchor: "alignment"),
        ]
        for (align, name) in [(TextAlign.start, "بداية السطر"), (.center, "الوسط"), (.end, "نهاية السطر")] {
            blocks.append(paragraph("فقرة محاذاة إلى \(name): التنمية المندمجة لقطاع الصناعة التقليدية بإقليم تاونات.",
                                    align: align))
        }
        blocks += textLayerBlocks()
        blocks += kashidaBlocks()
        blocks.append(heading("فقرة طويلة تنقسم بين الصفحات", level: 2, anchor: "long"))
        for _ in 0..<3 {
            blocks.append(paragraph(String(repeating: "تهدف الاتفاقية الإطار للشراكة إلى تثمين المنتوج الحرفي المحلي "
                + "وتحسين ظروف عيش 700 صانع وصانعة في جماعات بوعادل واجبابرة وكيسان والبيبان وبني سنوس. ", count: 6),
                indent: 18))
        }
        return blocks
    }

    /// A page of the cases readers search and copy in their viewers (README, "Searching and copying"):
    /// brackets around numbers, acronyms inside Arabic, vocalised words, lam-alef and lam-kaf, a range, a code,
    /// a percentage and a long table header in a narrow column.
    static func textLayerBlocks() -> [Block] {
        [
            .pageBreak,
            heading("البحث والنسخ في النص", level: 2, anchor: "text-layer"),
            paragraph("المرحلة الأولى (المرحلة 2) من برنامج التنمية القروية (PRDTS) 2017–2023 بالمملكة المغربية، "
                + "بطاقة المشروع رقم TAO-ART-2016/01، ونسبة الإنجاز 37,5 %، وطاقة المحطة 450 م³/اليوم."),
            paragraph("كلمات مشكولة: «وَالْمَشَارِيعُ الْمُنْجَزَةُ»؛ لام ألف: «الالتزام والأداء والإقليم»؛ لام كاف: «المملكة ولكل».",
                      align: .start),
            .table(Table(columns: [.fixed(62), .proportional(3), .fixed(70)],
                         headerRows: [[cell("مساهمة صندوق التنمية القروية والمناطق الجبلية (FDRZM)", bold: true, align: .center),
                                       cell("المشروع", bold: true), cell("المبلغ (درهم)", bold: true, align: .end)]],
                         bodyRows: [[cell("12,5 %", align: .center), cell("تزويد الدواوير بالماء الصالح للشرب (المرحلة 2)"),
                                     cell("1.250.000,75", align: .end)]],
                         footerRows: [])),
        ]
    }

    /// Every chart kind on the convention's data, right to left, then one left-to-right twin.
    static func chartBlocks(_ convention: Convention) -> [Block] {
        let charts = ConventionCharts(convention: convention)
        var ltr = charts.budgetBars(title: "Budget per project (LTR twin)")
        ltr.direction = .ltr
        ltr.categories = convention.projects.map(\.code)
        return [
            .pageBreak,
            heading("المبيانات", level: 2, anchor: "charts"),
            .chart(charts.budgetBars()),
            .chart(charts.financingStacked()),
            .chart(charts.partnerShares()),
            .chart(charts.financialProgress()),
            .chart(charts.physicalProgress()),
            .chart(ltr),
        ]
    }

    static let projects: [(String, String, String)] = [
        ("إحداث مركب للنسيج التقليدي", "جماعة بوعادل", "5.300.000,00"),
        ("إحداث قرية للمنتوجات النباتية", "جماعة اجبابرة", "3.500.000,00"),
        ("إحداث دار الصانعة للفخار القروي النسوي", "دوار كدارة، جماعة بني سنوس", "3.800.000,00"),
        ("تثمين الفخار القروي النسوي الثقافي والتاريخي", "جماعات البيبان، أورتزاغ، كيسان", "2.410.000,00"),
        ("إحداث دار الصانعة للخياطة التقليدية", "جماعة كيسان", "2.500.000,00"),
        ("إحداث فضاءات لتسويق المنتوجات الحرفية", "—", "1.740.000,00"),
        ("إحداث مركز للتكوين بالتدرج المهني في حرف الصناعة التقليدية", "مدينة تاونات", "7.000.000,00"),
        ("إحداث مركب للصناعات الحرفية", "جماعة البيبان", "2.000.000,00"),
    ]

    static func cell(_ text: String, bold: Bool = false, align: TextAlign = .start) -> Cell {
        Cell(Paragraph(text, text: bold ? tableText.emboldened : tableText,
                       paragraph: ParagraphStyle(align: align, spaceAfter: 0)))
    }

    /// The eight projects, repeated over several years so the table runs across pages.
    static func projectsTable() -> Table {
        var rows: [[Cell]] = []
        for year in 2015...2019 {
            for (index, project) in projects.enumerated() {
                rows.append([cell("\(year)-\(index + 1)", align: .center), cell(project.0), cell(project.1),
                             cell(project.2, align: .end)])
            }
        }
        return Table(columns: [.fixed(55), .proportional(3), .proportional(2), .fixed(85)],
                     headerRows: [[cell("الرمز", bold: true, align: .center), cell("المشروع", bold: true),
                                   cell("المكان", bold: true), cell("المبلغ (درهم)", bold: true, align: .end)]],
                     bodyRows: rows,
                     footerRows: [[cell("", bold: true), cell("المجموع", bold: true), cell("", bold: true),
                                   cell("141.250.000,00", bold: true, align: .end)]])
    }
}

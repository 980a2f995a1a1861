import DossierContent

extension Specimen {
    /// Two paragraphs of administrative prose, with a number range and an acronym that are never elongated.
    package static let kashidaTexts = [
        "تهدف هذه الاتفاقية إلى تثمين منتوجات الصناعة التقليدية بإقليم تاونات، وتحسين ظروف عيش الصناع والصانعات، "
            + "وتسويق منتوجاتهم في الأسواق الوطنية والدولية، وذلك في إطار البرنامج المندمج للتنمية الإقليمية 2015 – 2020. "
            + "وتلتزم الأطراف الموقعة بتمويل المشاريع المبرمجة وتتبع إنجازها، كما تسهر لجنة القيادة على احترام الآجال "
            + "المحددة وتقديم تقرير سنوي عن سير الأشغال.",
        "يستفيد من المشروع حوالي 700 صانع وصانعة في جماعات بوعادل واجبابرة وكيسان والبيبان وبني سنوس، ويشمل بناء "
            + "مراكز للتكوين وفضاءات للعرض والتسويق وتجهيزها بالمعدات الضرورية، ومواكبة التعاونيات الحرفية في التدبير "
            + "والتسويق الإلكتروني عبر المنصة الرقمية للمبادرة الوطنية للتنمية البشرية INDH.",
    ]

    /// A vowelled paragraph: the marks must stay over their letters when a letter is stretched.
    package static let vowelledKashidaText = "تَهْدِفُ هَذِهِ الِاتِّفَاقِيَّةُ إِلَى تَثْمِينِ مُنْتُوجَاتِ الصِّنَاعَةِ التَّقْلِيدِيَّةِ بِإِقْلِيمِ تَاوْنَاتَ، "
        + "وَتَحْسِينِ ظُرُوفِ عَيْشِ الصُّنَّاعِ وَالصَّانِعَاتِ، وَتَسْوِيقِ مُنْتُوجَاتِهِمْ فِي الْأَسْوَاقِ الْوَطَنِيَّةِ وَالدَّوْلِيَّةِ."

    /// A page that sets the same paragraphs justified by spaces (right column) and by kashida (left column),
    /// in Amiri, then in Noto Naskh Arabic: the page to judge kashida justification on.
    static func kashidaBlocks() -> [Block] {
        var blocks: [Block] = [.pageBreak, heading("الضبط بالكشيدة", level: 2, anchor: "kashida")]
        for family in ["Amiri", "Noto Naskh Arabic"] {
            let text = TextStyle(family: family, size: 11)
            let header = [kashidaCell("ضبط بالمسافات (\(family))", text: text.emboldened, justification: .spaces, align: .center),
                          kashidaCell("ضبط بالكشيدة (\(family))", text: text.emboldened, justification: .kashida, align: .center)]
            // The page holds both paragraphs and a vowelled one in Amiri, and the first again in Noto Naskh Arabic.
            let rows = (family == "Amiri" ? kashidaTexts + [vowelledKashidaText] : [kashidaTexts[0]]).map { paragraph in
                [kashidaCell(paragraph, text: text, justification: .spaces),
                 kashidaCell(paragraph, text: text, justification: .kashida)]
            }
            blocks.append(.table(Table(columns: [.proportional(1), .proportional(1)], headerRows: [header], bodyRows: rows,
                                       style: TableStyle(padding: 7, borderColor: "#bbbbbb", headerFill: nil, zebraFill: nil))))
        }
        return blocks
    }

    static func kashidaCell(_ text: String, text style: TextStyle, justification: Justification,
                            align: TextAlign = .justify) -> Cell {
        Cell(Paragraph(text, text: style, paragraph: ParagraphStyle(align: align, lineHeight: 1.2, spaceAfter: 0,
                                                                   justification: justification)))
    }
}

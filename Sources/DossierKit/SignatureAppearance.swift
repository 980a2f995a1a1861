import DossierContent
import DossierRender
import Foundation

/// What a signed field shows: the signer's name (as the certificate writes it, Arabic included), the date and
/// the reason, shaped and drawn like the dossier's own text, on a page the size of the field (the archive
/// step copies that page into the field's appearance).
enum SignatureAppearance {
    static func draw(signer: String, date: Date, reason: String?, width: Double, height: Double,
                     typesetter: Typesetter, to url: URL) throws {
        var blocks: [Block] = [paragraph(signer, size: 10, bold: true)]
        blocks.append(paragraph("التاريخ: \(day(date))", size: 8, bold: false))
        if let reason, !reason.isEmpty { blocks.append(paragraph(reason, size: 8, bold: false)) }
        let template = PageTemplate(width: max(width, 20), height: max(height, 20), margins: .all(3))
        let laidOut = try typesetter.layout(Document(template: template, blocks: blocks), keepingCache: false)
        // The field shows what was signed: a reason that does not fit was left out of it, silently. Refused instead.
        guard laidOut.pages.count == 1 else {
            let size = "(\(Int(template.width.rounded())) × \(Int(template.height.rounded())) pt)"
            if let reason, !reason.isEmpty {
                throw SignatureError("the signer's name, the date and the reason do not fit in the signature field \(size): "
                                     + "shorten --reason (\(reason.count) characters)")
            }
            throw SignatureError("the signer's name «\(signer.prefix(80))» and the date do not fit in the signature field \(size)")
        }
        try PDFRenderer(tagged: false).render(laidOut, to: url)
    }

    private static func paragraph(_ text: String, size: Double, bold: Bool) -> Block {
        .paragraph(Paragraph(text, text: TextStyle(size: size, bold: bold),
                             paragraph: ParagraphStyle(direction: .rtl, align: .center, lineHeight: 1.1)))
    }

    static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}

/// The HTML alternative of a message body: the same words, in paragraphs, right to left (`dir="rtl"`,
/// `lang="ar"`); a paragraph without Arabic (a command, an address) reads left to right. Deterministic, and
/// every character of the body is escaped: nothing in the data can become markup.
enum MailHTML {
    static func document(body: String, title: String) -> String {
        let paragraphs = body.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .newlines) }.filter { !$0.isEmpty }
        let html = paragraphs.map { paragraph -> String in
            let lines = paragraph.components(separatedBy: "\n").map(escaped).joined(separator: "<br>\n")
            return hasArabic(paragraph) ? "<p>\(lines)</p>" : "<p dir=\"ltr\" style=\"text-align: left\">\(lines)</p>"
        }
        return """
            <!DOCTYPE html>
            <html lang="ar" dir="rtl">
            <head><meta charset="utf-8"><title>\(escaped(title))</title></head>
            <body dir="rtl" style="text-align: right; font-family: 'Noto Naskh Arabic', 'Amiri', Tahoma, sans-serif; line-height: 1.6">
            \(html.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static func hasArabic(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) || (0x0750...0x077F).contains($0.value) }
    }
}

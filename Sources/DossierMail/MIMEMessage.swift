import DossierFiles
import Foundation

/// A file attached to a message.
public struct MailAttachment: Sendable {
    /// The name shown to the recipient, Arabic included (written as an RFC 2231 parameter).
    public var fileName: String
    /// The ASCII name for mail clients that do not read RFC 2231 (`letter-indh.pdf`); by default the
    /// name with every other character replaced.
    public var asciiName: String
    public var contentType: String
    public var data: Data
    public init(fileName: String, asciiName: String? = nil, contentType: String = "application/pdf", data: Data) {
        self.fileName = fileName; self.asciiName = asciiName ?? MIMEMessage.safeFileName(fileName)
        self.contentType = contentType; self.data = data
    }
}

/// A mailbox: an address and an optional display name (Arabic allowed).
public struct Mailbox: Sendable, Equatable {
    public var address: String
    public var name: String?
    public init(address: String, name: String? = nil) { self.address = address; self.name = name }
}

/// A standard MIME message (RFC 5322 / RFC 2045–2047): UTF-8 subject and names as encoded words, a
/// UTF-8 text body and attachments in base64, CRLF line ends. Deterministic: the same input gives the
/// same bytes (the boundary and Message-ID are derived from `identifier`).
public struct MIMEMessage: Sendable {
    public var from: Mailbox
    public var to: Mailbox
    public var subject: String
    public var body: String
    public var attachments: [MailAttachment]
    /// `YYYY-MM-DD` of the message's Date header.
    public var date: String
    /// A stable identifier (e.g. data fingerprint, partner and contact), for Message-ID and boundary.
    public var identifier: String

    public init(from: Mailbox, to: Mailbox, subject: String, body: String, attachments: [MailAttachment], date: String,
                identifier: String) {
        self.from = from; self.to = to; self.subject = subject; self.body = body; self.attachments = attachments
        self.date = date; self.identifier = identifier
    }

    /// Total size of the attachments in bytes.
    public var attachmentBytes: Int { attachments.reduce(0) { $0 + $1.data.count } }

    /// The message as bytes.
    /// Every header line stays within RFC 5322's 78 characters, whatever the length of names and
    /// identifiers: long values are folded onto continuation lines, or shortened with a digest.
    public func rendered() -> Data {
        let boundary = "=_dossier_" + Self.shortened(identifier.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }, to: 40)
        let alternatives = boundary + "_alt"
        let messageID = Self.shortened(identifier.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }, to: 48)
        var lines: [String] = [
            "From: " + Self.mailbox(from),
            "To: " + Self.mailbox(to),
            "Subject: " + Self.encodedWords(subject, firstLineUsed: 9),
            "Date: " + Self.rfc5322Date(date),
            "Message-ID: <\(messageID)@dossier.invalid>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed;",
            " boundary=\"\(boundary)\"",
            "",
            "This is a MIME message in UTF-8 with PDF attachments.",
            "",
            "--" + boundary,
            // The words twice: plain text, and HTML that mail clients show right to left (Outlook and Gmail
            // show plain Arabic text left-aligned, with its punctuation at the wrong end).
            "Content-Type: multipart/alternative;",
            " boundary=\"\(alternatives)\"",
            "",
            "--" + alternatives,
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "",
        ]
        lines += Self.base64Lines(Data(body.utf8))
        lines += ["", "--" + alternatives, "Content-Type: text/html; charset=UTF-8", "Content-Transfer-Encoding: base64", ""]
        lines += Self.base64Lines(Data(MailHTML.document(body: body, title: subject).utf8))
        lines += ["", "--" + alternatives + "--", ""]
        for attachment in attachments {
            let name = Self.headerFileName(attachment.asciiName)
            lines += [
                "--" + boundary,
                "Content-Type: \(attachment.contentType);",
                " name=\"\(name)\"",
                "Content-Transfer-Encoding: base64",
                "Content-Disposition: attachment;",
            ]
            // The Arabic name first: readers that find both take the first one they understand.
            lines += Self.extendedFileName(attachment.fileName)
            lines += [" filename=\"\(name)\"", ""]
            lines += Self.base64Lines(attachment.data)
        }
        lines += ["--" + boundary + "--", ""]
        return Data(lines.joined(separator: "\r\n").utf8)
    }

    static func mailbox(_ m: Mailbox) -> String {
        guard let name = m.name, !name.isEmpty else { return "<\(m.address)>" }
        // Only short names of letters, digits and spaces go as they are; anything else (quotes, commas,
        // angle brackets, line breaks, Arabic, or a name too long for one line) becomes encoded words,
        // which cannot be read as addresses and fold onto continuation lines.
        let plain = name.count <= 60 && name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || $0 == " " || $0.properties.numericType != nil)
        }
        let display = plain ? "\"\(name)\"" : encodedWords(name, firstLineUsed: 6, alwaysEncode: true)
        // Lines stay within 78 characters: the address goes on a continuation line when it would not fit.
        let lastLine = display.components(separatedBy: "\r\n").last ?? display
        return display + (lastLine.count + m.address.count + 9 > 78 ? "\r\n <\(m.address)>" : " <\(m.address)>")
    }

    /// RFC 2047 encoded words (`=?UTF-8?B?…?=`), each at most 75 characters, never splitting a character,
    /// folded onto continuation lines.
    static func encodedWords(_ text: String, firstLineUsed: Int, alwaysEncode: Bool = false) -> String {
        if !alwaysEncode && text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F })
            && text.count + firstLineUsed <= 76 {
            return text
        }
        var words: [String] = []
        var chunk = Data()
        // A word is 12 characters of wrapper plus 4 base64 characters per 3 bytes; the first one shares
        // its line with the header name, the others follow a folding space.
        func limit() -> Int {
            let room = words.isEmpty ? min(75, 78 - firstLineUsed) : 75
            return (room - 12) / 4 * 3
        }
        for character in text {
            let bytes = Data(String(character).utf8)
            if chunk.count + bytes.count > limit() {
                words.append("=?UTF-8?B?" + chunk.base64EncodedString() + "?=")
                chunk = Data()
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + chunk.base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }

    static func base64Lines(_ data: Data) -> [String] {
        data.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            .components(separatedBy: "\r\n")
    }

    /// A file name any mail client accepts: ASCII letters, digits, `.`, `-` and `_` (the dossiers' own rule,
    /// `SafeFileName`, applied to the name and its extension apart, so `رسالة.pdf` keeps `.pdf`), the name
    /// `attachment` when nothing of it is left.
    public static func safeFileName(_ name: String) -> String {
        let dot = name.lastIndex(of: ".")
        let stem = SafeFileName.sanitized(dot.map { String(name[..<$0]) } ?? name)
        let suffix = dot.map { SafeFileName.sanitized(String(name[name.index(after: $0)...])) } ?? ""
        return (stem.isEmpty ? "attachment" : stem) + (suffix.isEmpty ? "" : "." + suffix)
    }

    /// The attachment's own name, Arabic included, as an RFC 2231 extended parameter (`filename*0*=UTF-8''…`),
    /// split into continuations of at most 60 characters that never cut a character; mail clients show it
    /// instead of the ASCII `filename` kept for older ones. Path separators and controls are left out.
    static func extendedFileName(_ name: String) -> [String] {
        let clean = name.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && $0 != "/" && $0 != "\\" }
        var segments: [String] = [], current = "UTF-8''"
        for scalar in clean {
            let encoded = String(scalar).utf8.map { byte -> String in
                let c = Character(Unicode.Scalar(byte))
                return byte < 0x80 && (c.isLetter || c.isNumber || ".-_~".contains(c)) ? String(c) : String(format: "%%%02X", byte)
            }.joined()
            if current.count + encoded.count > 60 { segments.append(current); current = "" }
            current += encoded
        }
        segments.append(current)
        return segments.enumerated().map { index, segment in
            " filename*\(index)*=\(segment);"
        }
    }

    /// A safe file name short enough for a `filename="…"` continuation line: at most 60 characters,
    /// the extension kept.
    static func headerFileName(_ name: String) -> String {
        let safe = safeFileName(name)
        guard safe.count > 60 else { return safe }
        let dot = safe.lastIndex(of: ".")
        let fileExtension = dot.map { String(safe[$0...]) }.flatMap { $0.count <= 10 ? $0 : nil } ?? ""
        return shortened(String(safe.dropLast(fileExtension.count)), to: 60 - fileExtension.count) + fileExtension
    }

    /// `text`, or when longer than `limit` its beginning and a digest of the whole (FNV-1a, 64 bits), so
    /// that shortened values stay distinct and the same input keeps giving the same bytes.
    static func shortened(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let digest = String(hash, radix: 16)
        return String(text.prefix(limit - digest.count - 1)) + "-" + digest
    }

    /// `Thu, 08 Dec 2016 00:00:00 +0000` for `2016-12-08`.
    static func rfc5322Date(_ day: String) -> String {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return day }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let (y, m, d) = (parts[0], parts[1], parts[2])
        // Zeller-style day of week (Sakamoto's method).
        let t = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let yy = m < 3 ? y - 1 : y
        let weekday = (yy + yy / 4 - yy / 100 + yy / 400 + t[m - 1] + d) % 7
        let names = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        return String(format: "%@, %02d %@ %04d 00:00:00 +0000", names[weekday], d, months[m - 1], y)
    }
}

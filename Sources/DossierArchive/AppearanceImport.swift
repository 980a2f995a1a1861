import CQPDF
import Foundation

/// A signed field's appearance: the page of a small PDF that Cairo drew (the signer's name, the date and the
/// reason, shaped by the project's text engine, fonts subset and embedded), copied into the dossier as a
/// form XObject. Every object the page's resources reach is copied under a new number.
enum AppearanceImport {
    static func xobject(from pdf: URL?, width: Double, height: Double, _ d: QPDFDocument,
                        _ changes: inout PDFFinisher.Changes) throws -> qpdf_oh {
        let bbox = d.array([0, 0, width, height].map { qpdf_oh_new_real_from_double(d.q, $0, 2) })
        guard let pdf else {
            return try PDFFinisher.stream(SignatureFields.emptyAppearance(width: width, height: height), entries: [
                ("/Type", d.name("/XObject")), ("/Subtype", d.name("/Form")), ("/BBox", bbox), ("/Resources", d.dictionary([])),
            ], d, &changes)
        }
        let source = try QPDFDocument(reading: pdf.path)
        guard let page = source.pages.first else { throw ArchiveError.io(file: pdf.path, reason: "the appearance has no page") }
        var copier = Copier(source: source)
        let resources = try source.key(page, "/Resources").map { try copier.value($0, &changes) } ?? "<< >>"
        let contents = try source.key(page, "/Contents").map { contents -> Data in
            let streams = qpdf_oh_is_array(source.q, contents) != 0 ? source.items(contents) : [contents]
            return try streams.reduce(into: Data()) { $0 += try source.streamData($1); $0 += Data("\n".utf8) }
        } ?? Data()
        let mediaBox = source.key(page, "/MediaBox").map(source.syntax) ?? "[0 0 \(width) \(height)]"
        let body = try PDFSyntax.stream("/Type /XObject /Subtype /Form /BBox \(mediaBox) /Resources \(resources)", data: contents)
        return PDFFinisher.Changes.reference(changes.add(body, verbatim: true), d)
    }

    /// Copies objects of `source` as new objects of the update, each once.
    struct Copier {
        let source: QPDFDocument
        var numbers: [Int: Int] = [:]

        /// PDF syntax of `oh`, its indirect objects copied and referred to by their new numbers.
        mutating func value(_ oh: qpdf_oh, _ changes: inout PDFFinisher.Changes) throws -> String {
            let q = source.q
            if qpdf_oh_is_indirect(q, oh) != 0 { return "\(try copy(oh, &changes)) 0 R" }
            return try direct(oh, &changes)
        }

        /// PDF syntax of the value of `oh` itself, even when it is an indirect object.
        mutating func direct(_ oh: qpdf_oh, _ changes: inout PDFFinisher.Changes) throws -> String {
            let q = source.q
            if qpdf_oh_is_array(q, oh) != 0 {
                return "[" + (try source.items(oh).map { try value($0, &changes) }).joined(separator: " ") + "]"
            }
            if qpdf_oh_is_dictionary(q, oh) != 0 {
                var entries: [String] = []
                for key in keys(oh) { entries.append("\(key) \(try value(qpdf_oh_get_key(q, oh, key), &changes))") }
                return "<< " + entries.joined(separator: " ") + " >>"
            }
            return String(cString: qpdf_oh_unparse_binary(q, oh))
        }

        private mutating func copy(_ oh: qpdf_oh, _ changes: inout PDFFinisher.Changes) throws -> Int {
            let id = source.objectID(oh)
            if let known = numbers[id] { return known }
            let number = changes.add(Data(), verbatim: true)
            numbers[id] = number
            let q = source.q
            if qpdf_oh_is_stream(q, oh) != 0 {
                let dictionary = qpdf_oh_get_dict(q, oh)
                var entries: [String] = []
                let dictionaryKeys = keys(dictionary)
                for key in dictionaryKeys where key != "/Length" {
                    entries.append("\(key) \(try value(qpdf_oh_get_key(q, dictionary, key), &changes))")
                }
                let raw = try source.rawStreamData(oh)
                if dictionaryKeys.contains("/Filter") {
                    var body = Data("<< \(entries.joined(separator: " ")) /Length \(raw.count) >>\nstream\n".utf8)
                    body += raw
                    body += Data("\nendstream".utf8)
                    changes.replace(number, body)
                } else {
                    // Cairo leaves ToUnicode maps plain (`CairoStreams`): compressed as they are copied.
                    changes.replace(number, try PDFSyntax.stream(entries.joined(separator: " "), data: raw))
                }
            } else {
                changes.replace(number, Data(try direct(oh, &changes).utf8))
            }
            return number
        }

        private func keys(_ dictionary: qpdf_oh) -> [String] {
            var keys: [String] = []
            qpdf_oh_begin_dict_key_iter(source.q, dictionary)
            while qpdf_oh_dict_more_keys(source.q) != 0 { keys.append(String(cString: qpdf_oh_dict_next_key(source.q))) }
            return keys
        }
    }
}

import Foundation

/// The XMP metadata packet: the same title, author, subject, keywords, tools and dates as the document
/// information dictionary, and the PDF/A identification.
enum XMP {
    static let producer = "Dossier (Cairo 1.16, qpdf)"

    static func packet(_ settings: ArchiveSettings) -> Data {
        let info = settings.info
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        var description = """
              <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
                <dc:format>application/pdf</dc:format>
                <dc:title><rdf:Alt><rdf:li xml:lang="x-default">\(escape(info.title))</rdf:li></rdf:Alt></dc:title>
                <dc:creator><rdf:Seq><rdf:li>\(escape(info.author))</rdf:li></rdf:Seq></dc:creator>
                <dc:description><rdf:Alt><rdf:li xml:lang="x-default">\(escape(info.subject))</rdf:li></rdf:Alt></dc:description>
                <dc:language><rdf:Bag><rdf:li>\(escape(settings.language))</rdf:li></rdf:Bag></dc:language>

            """
        if let fingerprint = settings.fingerprint {
            description += "      <dc:identifier>dossier-fingerprint:\(escape(fingerprint))</dc:identifier>\n"
        }
        description += "    </rdf:Description>\n"
        let xml = """
            <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
              <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            \(description)    <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
                  <pdf:Keywords>\(escape(info.keywords))</pdf:Keywords>
                  <pdf:Producer>\(producer)</pdf:Producer>
                </rdf:Description>
                <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
                  <xmp:CreatorTool>\(escape(info.creator))</xmp:CreatorTool>
                  <xmp:CreateDate>\(Dates.xmp(info.creationDate))</xmp:CreateDate>
                  <xmp:ModifyDate>\(Dates.xmp(info.creationDate))</xmp:ModifyDate>
                  <xmp:MetadataDate>\(Dates.xmp(info.creationDate))</xmp:MetadataDate>
                </rdf:Description>
            \(settings.pdfa ? pdfaIdentification : "")  </rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="w"?>
            """
        return Data(xml.utf8)
    }

    static let pdfaIdentification = """
            <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
              <pdfaid:part>3</pdfaid:part>
              <pdfaid:conformance>B</pdfaid:conformance>
            </rdf:Description>

        """

    /// The fingerprint recorded in an XMP packet, if any.
    static func fingerprint(in packet: Data) -> String? {
        let text = String(decoding: packet, as: UTF8.self)
        guard let range = text.range(of: #"dossier-fingerprint:[0-9a-f]+"#, options: .regularExpression) else { return nil }
        return String(text[range].dropFirst("dossier-fingerprint:".count))
    }
}

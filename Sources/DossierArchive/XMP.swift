import Foundation

/// The XMP metadata packet: the same title, author, subject, keywords, tools and dates as the document
/// information dictionary, and the PDF/A and PDF/UA identifications.
enum XMP {
    static let producer = "Dossier (Cairo 1.16, qpdf)"

    static func packet(_ settings: ArchiveSettings, claimsPDFUA: Bool = false) -> Data {
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
            \(settings.pdfa ? pdfaIdentification : "")\(claimsPDFUA ? pdfuaIdentification : "")  </rdf:RDF>
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

    /// PDF/UA-1, with its schema declared as PDF/A asks of any schema it does not predefine.
    static let pdfuaIdentification = """
            <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
                xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
              <pdfaExtension:schemas>
                <rdf:Bag>
                  <rdf:li rdf:parseType="Resource">
                    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
                    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
                    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
                    <pdfaSchema:property>
                      <rdf:Seq>
                        <rdf:li rdf:parseType="Resource">
                          <pdfaProperty:name>part</pdfaProperty:name>
                          <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
                          <pdfaProperty:category>internal</pdfaProperty:category>
                          <pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>
                        </rdf:li>
                      </rdf:Seq>
                    </pdfaSchema:property>
                  </rdf:li>
                </rdf:Bag>
              </pdfaExtension:schemas>
            </rdf:Description>
            <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
              <pdfuaid:part>1</pdfuaid:part>
            </rdf:Description>

        """

    /// The fingerprint recorded in an XMP packet, if any.
    static func fingerprint(in packet: Data) -> String? {
        let text = String(decoding: packet, as: UTF8.self)
        guard let range = text.range(of: #"dossier-fingerprint:[0-9a-f]+"#, options: .regularExpression) else { return nil }
        return String(text[range].dropFirst("dossier-fingerprint:".count))
    }
}

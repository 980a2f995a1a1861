import DossierFrames
import Foundation

/// A file attached to a PDF (PDF/A-3 associated file).
public struct Attachment: Sendable {
    public var fileName: String
    public var data: Data
    public var mimeType: String
    public var description: String
    /// `/AFRelationship`: `Source` for the data a dossier was rendered from.
    public var relationship: String
    /// The data compressed once for all the dossiers of a batch (each carries the same data).
    let deflated: Data
    public init(fileName: String, data: Data, mimeType: String = "application/json", description: String,
                relationship: String = "Source") throws {
        self.fileName = fileName; self.data = data; self.mimeType = mimeType; self.description = description
        self.relationship = relationship
        self.deflated = try PDFSyntax.deflate(data)
    }
}

/// What the finishing step adds to a PDF written by Cairo.
public struct ArchiveSettings: Sendable {
    /// Claim PDF/A-3b (XMP identification and an sRGB output intent), and PDF/UA-1 when the document is
    /// tagged and the finishing could complete its structure (artifacts, header scopes, link descriptions).
    public var pdfa: Bool
    /// Document language, e.g. `ar-MA`.
    public var language: String
    /// Pages and spreads read right to left.
    public var rightToLeft: Bool
    public var info: DocumentInfo
    /// Alternative texts of the figures, in document order.
    public var figureAlternatives: [String]
    /// What each table header cell heads, in document order.
    public var headerScopes: [HeaderScope]
    /// The description of each link annotation, by its destination's name or its URI.
    public var linkDescriptions: [String: String]
    public var attachment: Attachment?
    /// A short fingerprint of the content and data, recorded as the XMP identifier.
    public var fingerprint: String?
    /// The ICC profile of the sRGB output intent.
    public var iccProfile: URL
    /// Empty signature fields to add, in document order (see `SignatureFields`).
    public var signatureFields: [SignatureFieldPlace] = []

    public init(pdfa: Bool = true, language: String = "ar-MA", rightToLeft: Bool = true, info: DocumentInfo,
                figureAlternatives: [String] = [], headerScopes: [HeaderScope] = [], linkDescriptions: [String: String] = [:],
                attachment: Attachment? = nil, fingerprint: String? = nil,
                iccProfile: URL = URL(fileURLWithPath: "/usr/share/color/icc/sRGB.icc")) {
        self.pdfa = pdfa; self.language = language; self.rightToLeft = rightToLeft; self.info = info
        self.figureAlternatives = figureAlternatives; self.headerScopes = headerScopes; self.linkDescriptions = linkDescriptions
        self.attachment = attachment; self.fingerprint = fingerprint
        self.iccProfile = iccProfile
    }

    /// The settings for a laid-out document: its metadata, what Cairo cannot write of its structure, and its
    /// signature fields.
    public init(for document: LaidOutDocument, pdfa: Bool = true, attachment: Attachment? = nil, fingerprint: String? = nil) {
        var structure = PageStructure(anchorTitles: document.anchorTitles)
        for page in document.pages { structure.add(page) }
        self = structure.settings(info: document.info, pdfa: pdfa, attachment: attachment, fingerprint: fingerprint)
    }
}

/// What the finishing needs to know of a document's pages (`ArchiveSettings`), gathered a page at a time in order:
/// a long document's pages are drawn as they are made and let go once drawn.
public struct PageStructure: Sendable {
    private let anchorTitles: [String: String]
    private var figureAlternatives: [String] = []
    private var headerScopes: [HeaderScope] = []
    private var linkDescriptions: [String: String] = [:]
    /// The link being read (its target and text so far): a link's text may run on to the next page.
    private var openLink: (key: String, text: String)? = nil
    private var signatureFields: [SignatureFieldPlace] = []
    private var pages = 0

    /// `anchorTitles`: the document's (`LaidOutDocument.anchorTitles`), which describe the links to headings.
    public init(anchorTitles: [String: String]) { self.anchorTitles = anchorTitles }

    /// Takes in the next page.
    public mutating func add(_ page: Page) {
        for item in page.items {
            switch item {
            case .tag(.begin("Figure", let alt, _)):
                figureAlternatives.append(alt ?? "")
            case .tag(.begin("TH", _, let scope)):
                headerScopes.append(scope ?? .column)
            case .tag(.beginLink(.destination(let name), _)):
                openLink = (name, "")
            case .tag(.beginLink(.uri(let uri), _)):
                linkDescriptions[uri] = linkDescriptions[uri] ?? uri
            case .text(let run) where openLink != nil:
                openLink!.text += run.text
            case .tag(.endLink):
                if let (name, text) = openLink, linkDescriptions[name] == nil {
                    linkDescriptions[name] = anchorTitles[name] ?? text.trimmingCharacters(in: .whitespaces)
                }
                openLink = nil
            case .signatureField(let name, let rect):
                signatureFields.append(SignatureFieldPlace(name: name, page: pages, rect: rect, pageHeight: page.size.height))
            default:
                break
            }
        }
        pages += 1
    }

    /// The settings for the pages taken in, with the document's metadata.
    public func settings(info: DocumentInfo, pdfa: Bool = true, attachment: Attachment? = nil, fingerprint: String? = nil) -> ArchiveSettings {
        var settings = ArchiveSettings(pdfa: pdfa, language: info.language, rightToLeft: info.rightToLeft, info: info,
                                       figureAlternatives: figureAlternatives, headerScopes: headerScopes,
                                       linkDescriptions: linkDescriptions, attachment: attachment, fingerprint: fingerprint)
        settings.signatureFields = signatureFields
        return settings
    }
}

/// Dates as PDF and XMP write them, from `YYYY-MM-DDTHH:MM:SSZ`.
enum Dates {
    static func pdf(_ iso: String) -> String {
        let digits = iso.filter(\.isNumber)
        return "D:" + digits.prefix(14) + "+00'00'"
    }

    static func xmp(_ iso: String) -> String {
        iso.hasSuffix("Z") ? String(iso.dropLast()) + "+00:00" : iso
    }
}

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

    /// The settings for a laid-out document: its metadata, and what Cairo cannot write of its structure.
    public init(for document: LaidOutDocument, pdfa: Bool = true, attachment: Attachment? = nil, fingerprint: String? = nil) {
        self.init(pdfa: pdfa, language: document.info.language, rightToLeft: document.info.rightToLeft, info: document.info,
                  figureAlternatives: Self.figureAlternatives(of: document), headerScopes: Self.headerScopes(of: document),
                  linkDescriptions: Self.linkDescriptions(of: document), attachment: attachment, fingerprint: fingerprint)
    }

    /// The alternative texts of the figures of a laid-out document, in the order Cairo writes their elements.
    public static func figureAlternatives(of document: LaidOutDocument) -> [String] {
        document.pages.flatMap { page in
            page.items.compactMap { item -> String? in
                if case .tag(.begin("Figure", let alt, _)) = item { return alt ?? "" }
                return nil
            }
        }
    }

    /// What the header cells of a laid-out document head, in the order Cairo writes their elements.
    public static func headerScopes(of document: LaidOutDocument) -> [HeaderScope] {
        document.pages.flatMap { page in
            page.items.compactMap { item -> HeaderScope? in
                if case .tag(.begin("TH", _, let scope)) = item { return scope ?? .column }
                return nil
            }
        }
    }

    /// A description for each link target: the text of the heading an anchor names, else the text of the first
    /// link there; a URI describes itself.
    public static func linkDescriptions(of document: LaidOutDocument) -> [String: String] {
        var descriptions: [String: String] = [:]
        var open: (key: String, text: String)? = nil
        for item in document.pages.lazy.flatMap(\.items) {
            switch item {
            case .tag(.beginLink(.destination(let name), _)):
                open = (name, "")
            case .tag(.beginLink(.uri(let uri), _)):
                descriptions[uri] = descriptions[uri] ?? uri
            case .text(let run) where open != nil:
                open!.text += run.text
            case .tag(.endLink):
                if let (name, text) = open, descriptions[name] == nil {
                    descriptions[name] = document.anchorTitles[name] ?? text.trimmingCharacters(in: .whitespaces)
                }
                open = nil
            default:
                break
            }
        }
        return descriptions
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

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
                relationship: String = "Source") {
        self.fileName = fileName; self.data = data; self.mimeType = mimeType; self.description = description
        self.relationship = relationship
        self.deflated = PDFSyntax.deflate(data)
    }
}

/// What the finishing step adds to a PDF written by Cairo.
public struct ArchiveSettings: Sendable {
    /// Claim PDF/A-3b: XMP identification and an sRGB output intent.
    public var pdfa: Bool
    /// Document language, e.g. `ar-MA`.
    public var language: String
    /// Pages and spreads read right to left.
    public var rightToLeft: Bool
    public var info: DocumentInfo
    /// Alternative texts of the figures, in document order.
    public var figureAlternatives: [String]
    public var attachment: Attachment?
    /// A short fingerprint of the content and data, recorded as the XMP identifier.
    public var fingerprint: String?
    /// The ICC profile of the sRGB output intent.
    public var iccProfile: URL
    /// Empty signature fields to add, in document order (see `SignatureFields`).
    public var signatureFields: [SignatureFieldPlace] = []

    public init(pdfa: Bool = true, language: String = "ar-MA", rightToLeft: Bool = true, info: DocumentInfo,
                figureAlternatives: [String] = [], attachment: Attachment? = nil, fingerprint: String? = nil,
                iccProfile: URL = URL(fileURLWithPath: "/usr/share/color/icc/sRGB.icc")) {
        self.pdfa = pdfa; self.language = language; self.rightToLeft = rightToLeft; self.info = info
        self.figureAlternatives = figureAlternatives; self.attachment = attachment; self.fingerprint = fingerprint
        self.iccProfile = iccProfile
    }

    /// The alternative texts of the figures of a laid-out document, in the order Cairo writes their elements.
    public static func figureAlternatives(of document: LaidOutDocument) -> [String] {
        document.pages.flatMap { page in
            page.items.compactMap { item -> String? in
                if case .tag(.begin("Figure", let alt)) = item { return alt ?? "" }
                return nil
            }
        }
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

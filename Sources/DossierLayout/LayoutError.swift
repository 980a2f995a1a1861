import DossierText

/// Why a document could not be laid out. Each case names the place in the document.
public enum LayoutError: Error, Equatable, CustomStringConvertible {
    /// An unbreakable piece (a table row, an image, a line) is taller than the page body.
    case tooLarge(place: String, what: String, height: Double, available: Double)
    /// The text stage refused some text.
    case text(TextError)
    /// An image could not be read.
    case badImage(place: String, file: String, reason: String)
    /// A chart's data cannot be drawn.
    case badChart(place: String, reason: String)
    /// A table row does not have as many cells as the table has columns.
    case badTable(place: String, reason: String)
    /// A long document's boxes, built again as its pages were made (`BodyStream`), were not the ones it was paginated
    /// with: a fault of this program, not of the document.
    case rebuiltDifferently(page: Int)

    public var description: String {
        switch self {
        case .tooLarge(let place, let what, let height, let available):
            return "\(place): \(what) is \(Int(height.rounded())) pt tall but a page body holds only "
                + "\(Int(available.rounded())) pt; shorten it or split it"
        case .text(let error):
            return error.description
        case .badImage(let place, let file, let reason):
            return "\(place): image \(file) cannot be used: \(reason)"
        case .badChart(_, let reason):
            return reason
        case .badTable(let place, let reason):
            return "\(place): \(reason)"
        case .rebuiltDifferently(let page):
            return "page \(page): its content came out different when laid out again; this is a fault of Dossier, please report it"
        }
    }
}

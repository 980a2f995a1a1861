import DossierKit
import Foundation

/// Validation of uploaded data, off Swift's cooperative threads.
///
/// The server validates in its own process (it only parses, and takes no render slot), but a large or hostile file
/// takes seconds of CPU (300 000 unknown keys: about 4 s). On the cooperative threads, one per core, two such
/// requests stalled every other request, `/health` and `/ready` included, until they were done. A queue of its
/// own keeps those threads free to answer.
enum Validation {
    private static let queue = DispatchQueue(label: "dossier.validate", attributes: .concurrent)

    static func check(_ url: URL, display: String) async -> (report: ValidationReport, result: LoadResult) {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: ValidationReport.check(url, display: display)) }
        }
    }
}

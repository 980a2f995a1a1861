import DossierRender
import Foundation

/// Pages of one dossier as PNG images, for a preview (the web page of `dossier serve` shows them): the same
/// layout and drawing as `render --format png`, but only the pages asked for are drawn.
extension DossierBatch {
    /// The dossier whose output path (without extension) is `stem` (`convention`, `projects/P01`,
    /// `meetings/2016-12-08`, `partners/ministry`), or nil when this convention has none.
    public func job(stem: String) -> Job? {
        (try? jobs([.convention, .projects, .meetings, .partners]))?.first { $0.stem == stem }
    }

    /// Lays out `job` and draws the pages numbered `pages` (from 1; those past the last page are skipped)
    /// at `dpi` into `folder` as `<n>.png`. Returns the dossier's page count.
    public func writePNGPages(_ job: Job, date: Day, pages: [Int], dpi: Double, folder: URL, typesetter: Typesetter) throws -> Int {
        let laidOut = try layout(job, date: date, typesetter: typesetter)
        let renderer = PNGRenderer(scale: dpi / 72)
        for number in pages where number >= 1 && number <= laidOut.pages.count {
            try renderer.render(laidOut.pages[number - 1], to: folder.appendingPathComponent("\(number).png"))
        }
        return laidOut.pages.count
    }
}

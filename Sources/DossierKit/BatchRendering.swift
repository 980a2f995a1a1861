import DossierArchive
import DossierFiles
import DossierFrames
import DossierModel
import DossierRender
import Foundation
import Synchronization

/// One file a batch wrote.
public struct WrittenFile: Sendable {
    public var url: URL
    public var pages: Int
}

extension DossierBatch {
    /// Renders `jobs` into `folder` with `workers` threads (1: one after the other), each with a typesetter of
    /// its own. Each output is the same as a serial run's, byte for byte: jobs share nothing but the checked data
    /// and layouts. `progress` is called once per finished job, from one thread at a time. Stops taking new jobs
    /// after the first failure.
    ///
    /// All or nothing: every file is written under a scratch name and the files are renamed into place only once
    /// every job succeeded; after a failure the scratch files are removed and files from earlier runs are left as
    /// they were.
    public func renderAll(_ jobs: [Job], options: RenderOptions, folder: URL, workers: Int,
                          progress: @escaping @Sendable (_ done: Int, _ job: Job, _ files: [WrittenFile]) -> Void) throws {
        let outputs = OutputBatch()
        do {
            try render(jobs, options: options, folder: folder, workers: workers, outputs: outputs, progress: progress)
            try outputs.commit()
        } catch {
            outputs.rollback()
            throw error
        }
    }

    private func render(_ jobs: [Job], options: RenderOptions, folder: URL, workers: Int, outputs: OutputBatch,
                        progress: @escaping @Sendable (_ done: Int, _ job: Job, _ files: [WrittenFile]) -> Void) throws {
        let state = BatchState()
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, jobs.count))) { _ in
            let typesetter: Typesetter
            do { typesetter = try makeTypesetter() } catch { return state.fail(error) }
            while let index = state.next(limit: jobs.count) {
                do {
                    let files = try render(jobs[index], options: options, folder: folder, typesetter: typesetter, outputs: outputs)
                    state.finished { progress($0, jobs[index], files) }
                } catch {
                    state.fail(JobFailure(stem: jobs[index].stem, error: error))
                }
            }
        }
        if let error = state.error { throw error }
    }

    /// Renders one job into `folder`, its files in place when it returns. Pass a `typesetter` (from
    /// `makeTypesetter()`) to reuse one thread's fonts across calls.
    public func render(_ job: Job, options: RenderOptions, folder: URL, typesetter: Typesetter? = nil) throws -> [WrittenFile] {
        let outputs = OutputBatch()
        do {
            let files = try render(job, options: options, folder: folder, typesetter: typesetter ?? makeTypesetter(), outputs: outputs)
            try outputs.commit()
            return files
        } catch {
            outputs.rollback()
            throw error
        }
    }

    /// One dossier as PDF bytes: the same bytes `render` writes for the same job and options (PNG options give
    /// the PDF too). Drawing and finishing go through a scratch file (Cairo and libqpdf work on files), removed
    /// before this returns.
    public func pdf(_ job: Job, options: RenderOptions, typesetter: Typesetter? = nil) throws -> Data {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var pdf = options
        pdf.format = .pdf
        guard let file = try render(job, options: pdf, folder: scratch, typesetter: typesetter).first else {
            throw CheckFailure(dataProblems: [], layoutProblems: [], other: ["\(job.stem): nothing was rendered"])
        }
        return try Data(contentsOf: file.url)
    }

    /// Renders one job into scratch files staged in `outputs`; the files returned are where they will be.
    func render(_ job: Job, options: RenderOptions, folder: URL, typesetter: Typesetter, outputs: OutputBatch) throws -> [WrittenFile] {
        switch options.format {
        case .pdf:
            let url = folder.appendingPathComponent(job.stem + ".pdf")
            let staged = try outputs.stage(url)
            if options.draft {
                let pages = try FinishedPDF.writeDraft(to: staged) { scratch in
                    let drawn = try draw(job, date: options.date, typesetter: typesetter, tagged: false, to: scratch)
                    return (drawn.info, drawn.pages)
                }
                return [WrittenFile(url: url, pages: pages)]
            }
            let pages = try FinishedPDF.write(to: staged) { scratch in
                let drawn = try draw(job, date: options.date, typesetter: typesetter, tagged: true, to: scratch)
                return (drawn.structure.settings(info: drawn.info, pdfa: options.pdfa, attachment: attachment, fingerprint: fingerprint),
                        drawn.pages)
            }
            return [WrittenFile(url: url, pages: pages)]
        case .png:
            let laidOut = try layout(job, date: options.date, typesetter: typesetter)
            let stemURL = folder.appendingPathComponent(job.stem)
            let renderer = PNGRenderer(scale: options.pngDPI / 72)
            return try laidOut.pages.enumerated().map { index, page in
                let name = PNGRenderer.fileName(stem: stemURL.lastPathComponent, page: index + 1, of: laidOut.pages.count)
                let url = stemURL.deletingLastPathComponent().appendingPathComponent(name)
                try renderer.render(page, to: outputs.stage(url))
                return WrittenFile(url: url, pages: 1)
            }
        }
    }
}

extension DossierBatch {
    /// Lays out and draws one job to `scratch` (`FinishedPDF.draw`); returns what the finishing needs to know.
    /// `whileMaking`: draw while the pages are made, or not (nil: as the document's length and the cores say).
    package func draw(_ job: Job, date: Day, typesetter: Typesetter, tagged: Bool, to scratch: URL, whileMaking: Bool? = nil) throws
        -> (structure: PageStructure, info: DocumentInfo, pages: Int) {
        defer { typesetter.clearCaches() }
        let paginated = try paginate(job, date: date, typesetter: typesetter)
        let structure = try FinishedPDF.draw(paginated, typesetter: typesetter, tagged: tagged, to: scratch, whileMaking: whileMaking)
        return (structure, paginated.info, paginated.pageCount)
    }
}

/// Shared state of a parallel batch: the next job to take, the count done, the first error.
private final class BatchState: Sendable {
    private struct Counts { var next = 0, done = 0 }
    private let counts = Mutex(Counts())
    private let firstError = Mutex<(any Error)?>(nil)

    var error: (any Error)? { firstError.withLock { $0 } }

    func next(limit: Int) -> Int? {
        guard error == nil else { return nil }
        return counts.withLock { counts in
            guard counts.next < limit else { return nil }
            counts.next += 1
            return counts.next - 1
        }
    }

    /// Counts a finished job and reports it while holding the count, so reports come one at a time and in order.
    func finished(_ report: (Int) -> Void) {
        counts.withLock { counts in
            counts.done += 1
            report(counts.done)
        }
    }

    func fail(_ failure: any Error) {
        firstError.withLock { if $0 == nil { $0 = failure } }
    }
}

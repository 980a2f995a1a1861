import DossierArchive
import DossierContent
import DossierFiles
import DossierFrames
import DossierModel
import DossierRender
import DossierTemplate
import Foundation

/// Which dossiers to render.
public enum DossierSelection: Hashable, Sendable {
    case convention
    case projects
    case meetings
    /// The partners' cover letters.
    case partners
    /// One project, by code.
    case project(String)

    /// Parses a `--only` value: `convention`, `projects`, `meeting`/`meetings`, `partners`, or a project code.
    public init(_ text: String) {
        switch text {
        case "convention": self = .convention
        case "projects": self = .projects
        case "meeting", "meetings": self = .meetings
        case "partners": self = .partners
        default: self = .project(text)
        }
    }
}

/// The output format of a batch.
public enum DossierFormat: String, Sendable { case pdf, png }

/// One file a batch wrote.
public struct WrittenFile: Sendable {
    public var url: URL
    public var pages: Int
}

/// Everything that stops a batch before anything is rendered.
public struct CheckFailure: Error, CustomStringConvertible {
    public var dataProblems: [Problem]
    public var layoutProblems: [LayoutProblem]
    public var other: [String]
    public var description: String {
        (dataProblems.filter { $0.severity == .error }.map(\.description) + layoutProblems.map(\.description) + other)
            .joined(separator: "\n")
    }
}

/// Renders the dossiers of a convention: checks data and layouts first, renders nothing if either has
/// errors, writes each file under a scratch name and renames a batch's files into place together once
/// every dossier succeeded (`DossierFiles.OutputBatch`).
///
/// `@unchecked Sendable`: everything but the typesetter is immutable after `init`, and `renderAll` gives
/// each worker thread a batch of its own with its own typesetter (Pango and fontconfig objects are not
/// shared between threads).
public final class DossierBatch: @unchecked Sendable {
    public let typesetter: Typesetter
    public let convention: Convention
    public let layouts: LayoutSet
    public let warnings: [Problem]
    let dataFolder: URL
    /// One binder per dossier kind, built once (each holds the convention's value tree).
    let binders: [DossierKind: Binder]
    /// The data as attached to every PDF, and its fingerprint.
    public let sourceJSON: Data
    public let fingerprint: String
    /// The attachment, compressed once for every dossier of the batch.
    let attachment: Attachment
    /// Whether PDFs claim PDF/A-3b (with an sRGB output intent); language, direction, tags, attached data
    /// and the seal are always written, unless `draft`.
    public var pdfa = true
    /// Drafts are for quick prints before a meeting: no structure tags and no finishing (no PDF/A, no
    /// attached data, no seal). Everything else (layout, fonts, text, links, bookmarks) is the same.
    public var draft = false
    /// Resolution of PNG output, in dots per inch.
    public var pngDPI = 100.0

    /// Loads and checks everything. Throws `CheckFailure` listing every problem.
    public init(typesetter: Typesetter, data: URL, dataDisplay: String, layoutsFolder: URL, layoutsDisplay: String) throws {
        self.typesetter = typesetter
        let loaded = ConventionLoader.load(data, displayPath: dataDisplay)
        let layouts = LayoutSet.load(folder: layoutsFolder, display: layoutsDisplay)
        guard loaded.isValid, let convention = loaded.convention, layouts.problems.isEmpty else {
            throw CheckFailure(dataProblems: loaded.problems, layoutProblems: layouts.problems, other: [])
        }
        self.convention = convention
        self.layouts = layouts
        self.warnings = loaded.warnings
        self.dataFolder = data.deletingLastPathComponent()
        let folders = [layoutsFolder, data.deletingLastPathComponent()]
        self.binders = Binder.all(layouts.layouts, convention: convention, imageFolders: folders)
        self.sourceJSON = try SourceData.json(convention)
        self.fingerprint = SourceData.fingerprint(of: sourceJSON)
        self.attachment = Attachment(fileName: SourceData.fileName, data: sourceJSON,
                                     description: "المعطيات التي أنجز منها هذا الملف – Source data of this dossier (fingerprint \(fingerprint))")
    }

    /// A batch sharing this one's checked data and layouts, with its own typesetter (one per thread).
    init(sharing other: DossierBatch, typesetter: Typesetter) {
        self.typesetter = typesetter
        self.convention = other.convention
        self.layouts = other.layouts
        self.warnings = other.warnings
        self.dataFolder = other.dataFolder
        self.binders = other.binders
        self.sourceJSON = other.sourceJSON
        self.fingerprint = other.fingerprint
        self.attachment = other.attachment
        self.pdfa = other.pdfa
        self.draft = other.draft
        self.pngDPI = other.pngDPI
    }

    /// The jobs a selection asks for, in a stable order.
    public func jobs(_ selection: [DossierSelection]) throws -> [Job] {
        let wanted = selection.isEmpty ? [.convention, .projects, .meetings] : selection
        var jobs: [Job] = []
        if wanted.contains(.convention) { jobs.append(.convention) }
        for project in convention.projects where wanted.contains(.projects) || wanted.contains(.project(project.code)) {
            jobs.append(.project(project))
        }
        if wanted.contains(.meetings) {
            jobs += convention.meetings.indices.map { .meeting(convention.meetings[$0], fileName: convention.meetingFileName(at: $0)) }
        }
        if wanted.contains(.partners) { jobs += convention.partners.map(Job.partner) }
        let codes = Set(convention.projects.map(\.code))
        for case .project(let code) in wanted where !codes.contains(code) {
            throw CheckFailure(dataProblems: [], layoutProblems: [], other: [
                "--only \(code): no such project; use convention, projects, meeting, partners or a project code (\(codes.sorted().joined(separator: ", ")))",
            ])
        }
        return jobs
    }

    /// One dossier to render.
    public enum Job: Sendable {
        case convention
        case project(Project)
        /// A meeting, with the name of its file (`Convention.meetingFileName(at:)`: meetings of one day differ).
        case meeting(Meeting, fileName: String)
        case partner(Partner)

        /// Output path relative to the output folder, without extension. Validation makes project codes and
        /// partner ids give distinct, non-empty file names.
        public var stem: String {
            switch self {
            case .convention: return "convention"
            case .project(let p): return "projects/" + FileName.sanitized(p.code)
            case .meeting(_, let fileName): return "meetings/" + fileName
            case .partner(let p): return "partners/" + FileName.sanitized(p.id)
            }
        }
    }

    /// Lays out one job. A document with a table of contents is laid out twice: first with its entries
    /// numbered 0 (they take the same room as the real ones), then with the pages that pass found. Shaping
    /// is cached, so the second pass shapes little but the page numbers.
    public func layout(_ job: Job, date: Day) throws -> LaidOutDocument {
        let kind: DossierKind
        switch job {
        case .convention: kind = .convention
        case .project: kind = .project
        case .meeting: kind = .meeting
        case .partner: kind = .partner
        }
        guard let binder = binders[kind] else {
            throw CheckFailure(dataProblems: [], layoutProblems: [], other: ["no layout for \(kind.rawValue) dossiers"])
        }
        func bind(_ toc: [TocEntry]) throws -> Document {
            switch job {
            case .convention: return try binder.bind(date: date, toc: toc, fingerprint: fingerprint)
            case .project(let p): return try binder.bind(project: p, date: date, toc: toc, fingerprint: fingerprint)
            case .meeting(let m, _): return try binder.bind(meeting: m, date: date, toc: toc, fingerprint: fingerprint)
            case .partner(let p): return try binder.bind(partner: p, date: date, toc: toc, fingerprint: fingerprint)
            }
        }
        defer { typesetter.clearCaches() }
        let first = try bind([])
        guard binder.hasTableOfContents else { return try typesetter.layout(first, keepingCache: false) }
        // First pass: where the headings land with the contents numbered 0 (the same room as the real
        // numbers), without making pages. Second pass: the pages, with the contents filled in.
        let placeholder = Binder.tocEntries(of: first)
        let pages = try typesetter.anchorPages(binder.withTableOfContents(first, placeholder))
        var toc = placeholder.map { entry in
            var e = entry
            e.page = pages[entry.anchor] ?? 0
            return e
        }
        var laidOut = try typesetter.layout(binder.withTableOfContents(first, toc), keepingCache: false)
        // More passes only if a title wrapped differently with the real page numbers.
        for _ in 0..<3 {
            let entries = Self.tocEntries(laidOut)
            if entries == toc { break }
            toc = entries
            laidOut = LaidOutDocument(pages: [], bookmarks: [], info: laidOut.info)
            laidOut = try typesetter.layout(binder.withTableOfContents(first, toc), keepingCache: false)
        }
        return laidOut
    }

    /// Bookmarked headings with the page their anchor landed on.
    static func tocEntries(_ document: LaidOutDocument) -> [TocEntry] {
        var pages: [String: Int] = [:]
        for (index, page) in document.pages.enumerated() {
            for case .anchor(let name, _) in page.items where pages[name] == nil { pages[name] = index + 1 }
        }
        return document.bookmarks.compactMap { mark in
            pages[mark.destination].map { TocEntry(title: mark.title, level: mark.level, anchor: mark.destination, page: $0) }
        }
    }

    /// Renders `jobs` with `workers` threads (1: one after the other). Each output is the same as a serial
    /// run's, byte for byte: jobs share nothing but the checked data and layouts. `progress` is called once
    /// per finished job, from one thread at a time. Stops taking new jobs after the first failure.
    ///
    /// All or nothing: every file is written under a scratch name and the files are renamed into place
    /// only once every job succeeded; after a failure the scratch files are removed and files from earlier
    /// runs are left as they were.
    public func renderAll(_ jobs: [Job], date: Day, format: DossierFormat, folder: URL, workers: Int,
                          progress: @escaping @Sendable (_ done: Int, _ job: Job, _ files: [WrittenFile]) -> Void) throws {
        let outputs = OutputBatch()
        do {
            try render(jobs, date: date, format: format, folder: folder, workers: workers, outputs: outputs, progress: progress)
            try outputs.commit()
        } catch {
            outputs.rollback()
            throw error
        }
    }

    private func render(_ jobs: [Job], date: Day, format: DossierFormat, folder: URL, workers: Int, outputs: OutputBatch,
                        progress: @escaping @Sendable (_ done: Int, _ job: Job, _ files: [WrittenFile]) -> Void) throws {
        let state = BatchState()
        let count = max(1, min(workers, jobs.count))
        DispatchQueue.concurrentPerform(iterations: count) { worker in
            let batch: DossierBatch
            do {
                batch = worker == 0 ? self : DossierBatch(sharing: self, typesetter: try Typesetter(fontsManifest: typesetter.fontsManifest))
            } catch {
                state.fail(error); return
            }
            while let index = state.next(limit: jobs.count) {
                do {
                    let files = try batch.render(jobs[index], date: date, format: format, folder: folder, outputs: outputs)
                    state.finished { progress($0, jobs[index], files) }
                } catch {
                    state.fail(JobFailure(stem: jobs[index].stem, error: error))
                }
            }
        }
        if let error = state.error { throw error }
    }

    /// Renders one job into `folder`, its files in place when it returns.
    public func render(_ job: Job, date: Day, format: DossierFormat, folder: URL) throws -> [WrittenFile] {
        let outputs = OutputBatch()
        do {
            let files = try render(job, date: date, format: format, folder: folder, outputs: outputs)
            try outputs.commit()
            return files
        } catch {
            outputs.rollback()
            throw error
        }
    }

    /// Renders one job into scratch files staged in `outputs`; the files returned are where they will be.
    func render(_ job: Job, date: Day, format: DossierFormat, folder: URL, outputs: OutputBatch) throws -> [WrittenFile] {
        switch format {
        case .pdf:
            let url = folder.appendingPathComponent(job.stem + ".pdf")
            let staged = try outputs.stage(url)
            if draft {
                let laidOut = try layout(job, date: date)
                try PDFRenderer(tagged: false).render(laidOut, to: staged)
                return [WrittenFile(url: url, pages: laidOut.pages.count)]
            }
            let pages = try FinishedPDF.write(to: staged) { scratch in
                try FinishedPDF.draw(layout(job, date: date), to: scratch, pdfa: pdfa, attachment: attachment,
                                     fingerprint: fingerprint)
            }
            return [WrittenFile(url: url, pages: pages)]
        case .png:
            let laidOut = try layout(job, date: date)
            let stemURL = folder.appendingPathComponent(job.stem)
            let renderer = PNGRenderer(scale: pngDPI / 72)
            return try laidOut.pages.enumerated().map { index, page in
                let name = PNGRenderer.fileName(stem: stemURL.lastPathComponent, page: index + 1, of: laidOut.pages.count)
                let url = stemURL.deletingLastPathComponent().appendingPathComponent(name)
                try renderer.render(page, to: outputs.stage(url))
                return WrittenFile(url: url, pages: 1)
            }
        }
    }
}

/// A failure of one job of a batch.
public struct JobFailure: Error, CustomStringConvertible {
    public var stem: String
    public var error: any Error
    public var description: String { "\(stem): \(error)" }
}

/// Shared state of a parallel batch: the next job to take, the count done, the first error.
private final class BatchState: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private var done = 0
    private(set) var error: (any Error)?

    func next(limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard error == nil, nextIndex < limit else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    func finished(_ report: (Int) -> Void) {
        lock.lock(); defer { lock.unlock() }
        done += 1
        report(done)
    }

    func fail(_ failure: any Error) {
        lock.lock(); defer { lock.unlock() }
        if error == nil { error = failure }
    }
}

import DossierArchive
import DossierContent
import DossierFiles
import DossierFrames
import DossierLayout
import DossierModel
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

/// The dossiers of one convention, checked and ready to render: the data and the layouts are checked when it
/// is made (nothing renders if either has errors), and it never changes after, so one batch serves any number
/// of threads. Rendering writes each file under a scratch name and renames a batch's files into place together
/// once every dossier succeeded (`DossierFiles.OutputBatch`).
///
/// Pango and fontconfig objects are not shared between threads: each thread renders with a `Typesetter` of its
/// own (made from `fontsManifest`, or given by the caller to reuse its fonts across calls).
public final class DossierBatch: Sendable {
    /// The font manifest (`Fonts/fonts.txt`) typesetters are made from.
    public let fontsManifest: URL
    public let convention: Convention
    let layouts: LayoutSet
    /// What the data check found that does not stop rendering.
    public let warnings: [Problem]
    /// One binder per dossier kind, built once (each holds the convention's value tree).
    let binders: [DossierKind: Binder]
    /// The data as attached to every PDF, and its fingerprint.
    public let sourceJSON: Data
    public let fingerprint: String
    /// The attachment, compressed once for every dossier of the batch.
    let attachment: Attachment

    /// Loads the convention from a data file (YAML or JSON, with its CSV imports) and checks it and the layouts.
    /// Throws `CheckFailure` listing every problem; `dataDisplay` and `layoutsDisplay` name them in messages.
    public convenience init(fontsManifest: URL, data: URL, dataDisplay: String, layoutsFolder: URL, layoutsDisplay: String) throws {
        // The layouts are compiled on another thread while the data is read: both are paid before any dossier
        // starts, on one core otherwise.
        let (layouts, loaded) = try Concurrently.run({ LayoutSet.load(folder: layoutsFolder, display: layoutsDisplay) },
                                                     { ConventionLoader.load(data, displayPath: dataDisplay) })
        try self.init(fontsManifest: fontsManifest, loaded: loaded, layouts: layouts,
                      imageFolder: data.deletingLastPathComponent(), layoutsFolder: layoutsFolder)
    }

    /// Checks a convention held in memory (built in code, or decoded from elsewhere) with the same rules as
    /// a data file; problems are located by field path. Images the layouts name are looked for in the layouts'
    /// folder, then in `imageFolder`.
    public convenience init(fontsManifest: URL, convention: Convention, layoutsFolder: URL, layoutsDisplay: String = "Layouts",
                            imageFolder: URL? = nil) throws {
        try self.init(fontsManifest: fontsManifest, loaded: ConventionLoader.check(convention),
                      layouts: LayoutSet.load(folder: layoutsFolder, display: layoutsDisplay),
                      imageFolder: imageFolder ?? layoutsFolder, layoutsFolder: layoutsFolder)
    }

    private init(fontsManifest: URL, loaded: LoadResult, layouts: LayoutSet, imageFolder: URL, layoutsFolder: URL) throws {
        self.fontsManifest = fontsManifest
        guard loaded.isValid, let convention = loaded.convention, layouts.problems.isEmpty else {
            throw CheckFailure(dataProblems: loaded.problems, layoutProblems: layouts.problems, other: [])
        }
        self.convention = convention
        self.layouts = layouts
        self.warnings = loaded.warnings
        let folders = [layoutsFolder, imageFolder]
        // The attachment (the data as JSON, compressed) is made on another thread while the binders are built.
        let (source, binders) = try Concurrently.run({ Result { try AttachedSource(convention) } },
                                                     { Binder.all(layouts.layouts, convention: convention, imageFolders: folders) })
        self.binders = binders
        let attached = try source.get()
        self.sourceJSON = attached.json
        self.fingerprint = attached.fingerprint
        self.attachment = attached.attachment
    }

    /// A typesetter for this batch's fonts, for a thread that renders several dossiers (reusing it saves
    /// setting up the fonts each time).
    public func makeTypesetter() throws -> Typesetter { try Typesetter(fontsManifest: fontsManifest) }

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
    package func layout(_ job: Job, date: Day, typesetter: Typesetter) throws -> LaidOutDocument {
        defer { typesetter.clearCaches() }
        return try typesetter.pages(of: paginate(job, date: date, typesetter: typesetter))
    }

    /// Lays out one job into page bodies, its pages not made yet (`PaginatedDocument`). The caller makes them, then
    /// calls `typesetter.clearCaches()`.
    func paginate(_ job: Job, date: Day, typesetter: Typesetter) throws -> PaginatedDocument {
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
        var first: Document? = try bind([])
        guard binder.hasTableOfContents else { return try typesetter.paginate(first.take()!, keepingCache: false) }
        // First pass: where the headings land with the contents numbered 0 (the same room as the real
        // numbers), without making pages. Second pass: the pages, with the contents filled in.
        let placeholder = Binder.tocEntries(of: first!)
        let pages = try typesetter.anchorPages(binder.withTableOfContents(first!, placeholder))
        var toc = placeholder.map { entry in
            var e = entry
            e.page = pages[entry.anchor] ?? 0
            return e
        }
        // The last pass is handed the only copy of the content tree, so that it can let the tree go once its boxes
        // are made (a long dossier's tree is a quarter of its peak memory). The rare further pass binds it again:
        // binding gives the same tree for the same data.
        var paginated: PaginatedDocument? = try typesetter.paginate(binder.withTableOfContents(first.take()!, toc), keepingCache: false)
        // More passes only if a title wrapped differently with the real page numbers. Where the anchors land is
        // known from the page bodies, before any page is made.
        for _ in 0..<3 {
            let entries = Self.tocEntries(bookmarks: paginated!.bookmarks, anchorPages: paginated!.anchorPages)
            if entries == toc { break }
            toc = entries
            paginated = nil  // its bodies go before the next pass makes its own
            paginated = try typesetter.paginate(binder.withTableOfContents(bind([]), toc), keepingCache: false)
        }
        return paginated!
    }

    /// Bookmarked headings with the page their anchor landed on.
    static func tocEntries(bookmarks: [Bookmark], anchorPages: [String: Int]) -> [TocEntry] {
        bookmarks.compactMap { mark in
            anchorPages[mark.destination].map { TocEntry(title: mark.title, level: mark.level, anchor: mark.destination, page: $0) }
        }
    }
}

/// A failure of one job of a batch.
public struct JobFailure: Error, CustomStringConvertible {
    public var stem: String
    public var error: any Error
    public var description: String { "\(stem): \(error)" }
}

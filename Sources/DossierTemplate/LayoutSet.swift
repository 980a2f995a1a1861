import Foundation

/// The dossier layouts of a folder: `convention.xml`, `project.xml` and `meeting.xml`, checked and compiled.
public struct LayoutSet: Sendable {
    public var layouts: [DossierKind: CompiledLayout]
    /// Every problem of every layout file, with file, line and column.
    public var problems: [LayoutProblem]
    public let folder: URL

    /// Compiles the layouts for `kinds` from `folder`. `display` is how the folder is named in messages.
    public static func load(folder: URL, display: String, kinds: [DossierKind] = DossierKind.allCases) -> LayoutSet {
        var layouts: [DossierKind: CompiledLayout] = [:]
        var problems: [LayoutProblem] = []
        for kind in kinds {
            let compiler = LayoutCompiler(folder: folder, folderDisplay: display)
            let layout = compiler.compile(file: "\(kind.rawValue).xml")
            if let layout, layout.kind != kind {
                problems.append(LayoutProblem(location: LayoutLocation(file: layout.file, line: 1, column: 1),
                                              message: "\(kind.rawValue).xml must be a layout of kind=\"\(kind.rawValue)\", not \"\(layout.kind.rawValue)\""))
            }
            problems += compiler.problems
            if let layout, compiler.problems.isEmpty { layouts[kind] = layout }
        }
        return LayoutSet(layouts: layouts, problems: problems, folder: folder)
    }

    /// Compiles one layout file of any name (for tests and custom dossiers).
    public static func compile(file: String, folder: URL, display: String) -> (CompiledLayout?, [LayoutProblem]) {
        let compiler = LayoutCompiler(folder: folder, folderDisplay: display)
        let layout = compiler.compile(file: file)
        return (compiler.problems.isEmpty ? layout : nil, compiler.problems)
    }
}

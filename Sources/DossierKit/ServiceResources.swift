import DossierTemplate
import Foundation

/// What a long-running renderer (the service's render child) checks once at start: the fonts load and
/// every layout compiles. Each render checks them again, as `dossier render` does.
public enum ServiceResources {
    /// The problems of the layouts in `folder`, one line each (empty when they all compile).
    public static func layoutProblems(folder: URL, display: String = "Layouts") -> [String] {
        LayoutSet.load(folder: folder, display: display).problems.map(\.description)
    }
}

import DossierModel
import DossierTemplate
import Foundation
import FuzzSupport

/// The shipped layouts, so that a fuzzed file can include fragments and styles as real ones do.
let folder = FuzzSupport.workFolder(copying: ["convention.xml", "project.xml", "meeting.xml", "partner.xml",
                                              "project-section.xml", "styles.xml"].map { "Layouts/" + $0 })
let sample = ConventionLoader.load(FuzzSupport.root.appendingPathComponent("Examples/taounate-2016/convention.yaml")).convention

/// One input: a layout file, checked and compiled; when it compiles, bound to the sample convention.
/// Layout problems and bind errors are the expected answers; anything else that stops the process is a bug.
func fuzzLayout(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    try? FuzzSupport.bytes(start, count).write(to: folder.appendingPathComponent("fuzz.xml"))
    let (layout, _) = LayoutSet.compile(file: "fuzz.xml", folder: folder, display: "Layouts")
    if let layout, let sample {
        let binder = Binder(layout: layout, convention: sample, imageFolders: [folder])
        _ = try? binder.bind(project: sample.projects.first, meeting: sample.meetings.first, partner: sample.partners.first,
                             date: Day(year: 2016, month: 12, day: 8))
    }
    return 0
}

exit(FuzzSupport.run { fuzzLayout($0, $1) })

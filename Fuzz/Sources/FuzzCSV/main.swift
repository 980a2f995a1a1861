import DossierModel
import Foundation
import FuzzSupport

/// A convention whose projects and financing both come from CSV files next to it.
let folder = FuzzSupport.workFolder(copying: ["Tests/DossierModelTests/Fixtures/with-csv.yaml"])
let convention = (try? String(contentsOf: folder.appendingPathComponent("with-csv.yaml"), encoding: .utf8)) ?? ""

/// One input: written as both CSV files (the projects importer and the financing importer each read it),
/// then the convention that imports them is loaded.
func fuzzCSV(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let data = FuzzSupport.bytes(start, count)
    for name in ["projects.csv", "financing.csv"] { try? data.write(to: folder.appendingPathComponent(name)) }
    _ = ConventionLoader.load(text: convention, display: "with-csv.yaml", folder: folder)
    return 0
}

exit(FuzzSupport.run { fuzzCSV($0, $1) })

import DossierModel
import Foundation
import FuzzSupport

/// The CSV files the convention may name stay absent: this fuzzer is about the YAML/JSON text.
let folder = FuzzSupport.workFolder(copying: [])

/// One input: YAML or JSON text, loaded and validated as `dossier validate` would. Any outcome is fine
/// but a crash; problems are the expected answer to most inputs.
func fuzzData(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    // The loader refuses text that is not UTF-8 before parsing; the fuzzer does the same.
    guard let text = String(data: FuzzSupport.bytes(start, count), encoding: .utf8) else { return 0 }
    _ = ConventionLoader.load(text: text, display: "fuzz.yaml", folder: folder)
    return 0
}

exit(FuzzSupport.run { fuzzData($0, $1) })

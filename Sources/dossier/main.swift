import DossierKit
import Foundation

let root = ProjectFolders.root()!
let ts = try Typesetter(fontsManifest: root.appendingPathComponent("Fonts/fonts.txt"))
let out = URL(fileURLWithPath: "out")
let doc = try ts.writePDF(Specimen.document(), to: out.appendingPathComponent("specimen.pdf"))
print("pages: \(doc.pages.count)")
if CommandLine.arguments.count > 1 {
  let d = try ts.layout(Specimen.document())
  print(FrameItemDumpHelper.dump(d))
}

import ArgumentParser
import DossierKit
import Foundation

/// `dossier specimen`: renders the typesetting specimen.
struct Specimen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "specimen",
        abstract: "Renders the typesetting specimen (every feature of the layout engine, in Arabic).")

    @Option(help: "Output folder.")
    var out: String = "out"

    @Option(help: "Output format: pdf or png.")
    var format: OutputFormat = .pdf

    @Option(help: "Resolution of PNG pages, in dots per inch.")
    var dpi: Double = 150

    @Option(help: "Creation date written in the PDF (YYYY-MM-DD); the same date gives the same bytes.")
    var date: String = "2016-12-08"

    func validate() throws {
        guard (10...1200).contains(dpi) else { throw ValidationError("--dpi is between 10 and 1200") }
    }

    func run() throws {
        let root = try projectRoot()
        let folder = URL(fileURLWithPath: out)
        do {
            let typesetter = try Typesetter(fontsManifest: root.appendingPathComponent("Fonts/fonts.txt"))
            // The specimen's charts use the sample convention's data.
            let sample = ConventionLoader.load(root.appendingPathComponent("Examples/taounate-2016/convention.yaml"))
            let document = DossierKit.Specimen.document(date: date, convention: sample.convention)
            switch format {
            case .pdf:
                let file = folder.appendingPathComponent("specimen.pdf")
                let laidOut = try typesetter.writePDF(document, to: file)
                print("wrote \(file.path) (\(laidOut.pages.count) pages)")
            case .png:
                for file in try typesetter.writePNG(document, folder: folder, stem: "specimen", scale: dpi / 72) {
                    print("wrote \(file.path)")
                }
            }
        } catch {
            fail("\(error)", code: 1)
        }
    }
}

import DossierTestSupport
import Foundation
import Testing

/// Nothing specific to one convention is written into the layouts: another convention's dossiers carry none of
/// the Taounate sample's wording, in the pages or in the metadata, and no separator dangles.
@Suite struct WordingTests {
    static let taounateWording = ["تاونات", "صانع وصانعة", "الصناعة التقليدية", "اتفاقية إطار للشراكة", "الاتفاقية الإطار"]

    @Test func anotherConventionCarriesNoneOfTheSamplesWording() throws {
        let out = try TestTools.scratch("wording")
        let data = CLI.repoRoot.appendingPathComponent("Examples/fictional-water-2024/convention.yaml")
        let result = try CLI.run(["render", data.path, "--out", out.path, "--date", "2024-06-30",
                                  "--only", "convention", "--only", "projects", "--only", "meetings", "--only", "partners"])
        #expect(result.status == 0, "\(result.stderr)")
        let pdfs = try FileManager.default.subpathsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".pdf") }.sorted()
        #expect(pdfs.count > 10)
        for pdf in pdfs {
            let path = out.appendingPathComponent(pdf).path
            let pages = TestTools.loose(try TestTools.run("pdftotext", [path, "-"]).output)
            let info = try TestTools.run("pdfinfo", ["-meta", path]).output + (try TestTools.run("pdfinfo", [path]).output)
            for wording in Self.taounateWording {
                #expect(!pages.contains(TestTools.loose(wording)), "neutral-wording rule: \(pdf) prints «\(wording)» on its pages")
                #expect(!info.contains(wording), "neutral-wording rule: \(pdf) carries «\(wording)» in its metadata")
            }
            for line in info.split(separator: "\n") where line.hasPrefix("Subject:") || line.hasPrefix("Keywords:") {
                let value = line.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces)
                #expect(!value.hasSuffix("–") && !value.hasSuffix("،") && !value.contains("،،") && !value.contains("– –"),
                        "no-dangling-separator rule: \(pdf) \(line)")
            }
        }
        // What the data says instead: the estimate and what the beneficiaries are.
        let convention = TestTools.loose(try TestTools.run("pdftotext", [out.appendingPathComponent("convention.pdf").path, "-"]).output)
        #expect(convention.contains(TestTools.loose("حوالي 38.500 نسمة")), "the beneficiaries are worded from the data")
    }

    @Test func theSampleKeepsItsOwnWording() throws {
        let out = try TestTools.scratch("wording-sample")
        let result = try CLI.run(["render", "--out", out.path, "--date", "2016-12-08", "--only", "convention"])
        #expect(result.status == 0, "\(result.stderr)")
        let path = out.appendingPathComponent("convention.pdf").path
        let pages = TestTools.loose(try TestTools.run("pdftotext", [path, "-"]).output)
        #expect(pages.contains(TestTools.loose("حوالي 700 صانع وصانعة")))
        let info = try TestTools.run("pdfinfo", [path]).output
        #expect(info.contains("TAO-ART-2016/01، إقليم تاونات، اتفاقية إطار للشراكة، الصناعة التقليدية"), "\(info)")
        #expect(info.contains("البرنامج المندمج للتنمية الإقليمية 2015 – 2020 – محور الصناعة التقليدية"), "\(info)")
    }
}

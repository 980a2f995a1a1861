// Renders a project dossier from a convention built in code, through the DossierKit facade alone.
// Run from the repository (it needs Fonts/ and Layouts/): swift run library-example out/example.pdf
import DossierKit
import Foundation

// Before any thread starts (Cairo is told through the environment to leave page contents for the finishing step).
DossierProcess.prepare()

func day(_ text: String) -> Day { Day(parsing: text)! }

let convention = Convention(
    convention: ConventionInfo(
        reference: "EX-2024/01", title: "اتفاقية شراكة لتأهيل الأسواق الأسبوعية", programme: "برنامج التنمية المحلية",
        period: Period(start: day("2024-01-01"), end: day("2026-12-31")), province: "إقليم المثال",
        totalAmount: Money(dirhams: 3_000_000)),
    partners: [
        Partner(id: "province", name: "عمالة إقليم المثال", kind: .other),
        Partner(id: "council", name: "المجلس الإقليمي", kind: .council),
    ],
    projects: [
        Project(code: "M01", title: "تأهيل السوق الأسبوعي لجماعة المثال", locations: [Location(commune: "جماعة المثال")],
                amount: Money(dirhams: 3_000_000), beneficiaries: 1200,
                financing: [FinancingLine(partner: "province", amount: Money(dirhams: 2_000_000)),
                            FinancingLine(partner: "council", amount: Money(dirhams: 1_000_000))],
                schedule: Period(start: day("2024-03-01"), end: day("2025-06-30"))),
    ])

guard let root = ProjectFolders.root() else {
    FileHandle.standardError.write(Data("run this from the Dossier repository (Fonts/ and Layouts/ are read from it)\n".utf8))
    exit(2)
}
let output = URL(fileURLWithPath: CommandLine.arguments.dropFirst().first ?? "out/example.pdf")
do {
    // Checks the convention with the rules data files are checked with; throws CheckFailure listing every problem.
    let batch = try DossierBatch(fontsManifest: root.appendingPathComponent("Fonts/fonts.txt"), convention: convention,
                                 layoutsFolder: root.appendingPathComponent("Layouts"))
    let pdf = try batch.pdf(.project(convention.projects[0]), options: RenderOptions(date: day("2024-03-15")))
    try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
    try OutputFile.write(pdf, to: output)
    print("wrote \(output.path): \(pdf.count) bytes, fingerprint \(batch.fingerprint)")
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}

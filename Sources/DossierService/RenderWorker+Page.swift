import DossierKit
import Foundation

/// What the render child does for the web page: one dossier, preview pages, the partners' packets. The data is
/// checked again here exactly as for `POST /v1/render`, so the child trusts nothing from the server but paths.
extension RenderWorker {
    /// The address the partners' messages come from; staff send the saved `.eml` files themselves (`dossier send`,
    /// or their mail client), which may set another.
    static let packetSender = "dossiers@example.org"

    static func renderForPage(_ request: WorkerMessage.Request, typesetter: Typesetter, root: URL) -> WorkerMessage.Reply {
        guard let day = Day(parsing: request.date) else { return .init(status: "invalid", message: "date=\(request.date): \(Day.expected)") }
        let batch: DossierBatch
        do {
            batch = try DossierBatch(fontsManifest: typesetter.fontsManifest, data: URL(fileURLWithPath: request.data), dataDisplay: request.display,
                                     layoutsFolder: root.appendingPathComponent("Layouts"), layoutsDisplay: "Layouts")
        } catch let failure as CheckFailure {
            return .init(status: failure.layoutProblems.isEmpty ? "invalid" : "error", message: "the data has errors",
                         problems: failure.dataProblems.filter { $0.severity == .error })
        } catch {
            return .init(status: "error", message: "\(error)")
        }
        let out = URL(fileURLWithPath: request.out), result = URL(fileURLWithPath: request.result)
        do {
            switch request.kind {
            case "dossier":
                guard let stem = request.stem, let job = batch.job(stem: stem) else { return .init(status: "invalid", message: "no such dossier") }
                let files = try batch.render(job, options: RenderOptions(date: day), folder: out, typesetter: typesetter)
                try FileManager.default.moveItem(at: out.appendingPathComponent(job.stem + ".pdf"), to: result)
                return .init(status: "ok", format: "pdf", pages: files.reduce(0) { $0 + $1.pages }, dossiers: 1)
            case "pages":
                guard let stem = request.stem, let job = batch.job(stem: stem) else { return .init(status: "invalid", message: "no such dossier") }
                try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
                let count = try batch.writePNGPages(job, date: day, pages: request.pages ?? [1], dpi: 110, folder: out, typesetter: typesetter)
                return .init(status: "ok", format: "png", pages: count, dossiers: 1)
            case "packets":
                let sender = Mailbox(address: packetSender, name: "عمالة \(batch.convention.convention.province)")
                let messages = try PartnerMailer(batch: batch, from: sender).writeMessages(folder: out, date: day, workers: 1) { _ in }
                try StoredZip.write(messages.map { $0.file.lastPathComponent }, from: out, to: result)
                return .init(status: "ok", format: "zip", dossiers: messages.count)
            default:
                return .init(status: "error", message: "unknown request kind")
            }
        } catch {
            return .init(status: "error", message: "rendering failed: \(error)")
        }
    }
}

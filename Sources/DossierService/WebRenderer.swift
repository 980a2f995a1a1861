import Foundation
import Logging

/// Renders for the web page through the same pool of render children as `POST /v1/render` (isolation, the
/// queue, the time-out): previews, one dossier, every dossier (one child request each, so that the page can
/// show how many are done), the partners' packets.
struct WebRenderer: Sendable {
    enum Selection: Sendable {
        case dossier(WebSummary.Dossier)
        case all
        case packets
    }

    let pool: WorkerPool
    let jobs: WebJobs
    let metrics: ServiceMetrics
    let logger: Logger
    /// Seconds one child request may wait and run (`--timeout`).
    let timeout: Double
    /// Child requests sent at once for one download (`--workers`: more would only wait in the queue).
    let width: Int

    /// A failed child request, with what the page tells the reader.
    struct Failure: Error { var message: String }

    /// The preview page `page` of the convention dossier dated `date`, drawn with the two after it (the
    /// reader usually turns pages forward); returns the image and the dossier's page count.
    func preview(jobID: String, job: WebJobs.Job, date: String, page: Int) async throws -> (file: URL?, count: Int) {
        if let file = job.previews[date]?[page], let count = job.pageCounts[date] { return (file, count) }
        if let count = job.pageCounts[date], page > count { return (nil, count) }
        let out = try await jobs.newFolder(jobID)
        let wanted = Array(page...(page + 2))
        let reply = try await send(request(job, kind: "pages", stem: "convention", date: date, out: out, result: out, pages: wanted),
                                   jobID: jobID, job: job)
        let count = reply.pages ?? 0
        var files: [Int: URL] = [:]
        for number in wanted where number <= count { files[number] = out.appendingPathComponent("\(number).png") }
        await jobs.addPreview(jobID, date: date, pages: files, count: count)
        return (files[page], count)
    }

    /// Makes the download `downloadID` of `selection`, reporting each finished dossier to the job's record.
    func run(_ selection: Selection, jobID: String, downloadID: String, job: WebJobs.Job, date: String) async {
        do {
            let folder = try await jobs.newFolder(jobID)
            let file: URL
            switch selection {
            case .dossier(let dossier):
                file = folder.appendingPathComponent("dossier.pdf")
                _ = try await send(request(job, kind: "dossier", stem: dossier.id, date: date, out: folder.appendingPathComponent("out"), result: file),
                                   jobID: jobID, job: job)
            case .packets:
                file = folder.appendingPathComponent("packets.zip")
                _ = try await send(request(job, kind: "packets", stem: nil, date: date, out: folder.appendingPathComponent("out"), result: file),
                                   jobID: jobID, job: job)
            case .all:
                file = folder.appendingPathComponent("dossiers.zip")
                let files = try await renderEach(job.summary.dossiers, jobID: jobID, downloadID: downloadID, job: job, date: date, folder: folder)
                try StoredZip.write(zip(job.summary.dossiers.map { $0.id + ".pdf" }, files).map { (name: $0, file: $1) }, to: file)
            }
            await jobs.updateDownload(jobID, downloadID) { download in
                download.state = .done
                download.done = download.total
                download.file = file
            }
        } catch is WebJobs.Gone {
            return  // removed while it rendered: nothing to report to, and its files are gone (`send`)
        } catch {
            let message = (error as? Failure)?.message ?? "تعذر إنجاز الملفات على الخادم؛ السبب مسجل في سجل الخادم."
            if !(error is Failure) { logger.error("web download failed", metadata: ["reason": "\(error)"]) }
            await jobs.updateDownload(jobID, downloadID) { download in
                download.state = .failed
                download.message = message
            }
        }
    }

    /// One child request per dossier, at most `width` at once; returns the PDFs in the order of `dossiers`.
    private func renderEach(_ dossiers: [WebSummary.Dossier], jobID: String, downloadID: String, job: WebJobs.Job,
                            date: String, folder: URL) async throws -> [URL] {
        let results = dossiers.indices.map { folder.appendingPathComponent("\($0).pdf") }
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            func startNext() {
                let index = next
                next += 1
                let message = request(job, kind: "dossier", stem: dossiers[index].id, date: date,
                                      out: folder.appendingPathComponent("out-\(index)"), result: results[index])
                group.addTask {
                    _ = try await send(message, jobID: jobID, job: job)
                    await jobs.updateDownload(jobID, downloadID) { $0.done += 1 }
                }
            }
            while next < min(width, dossiers.count) { startNext() }
            while try await group.next() != nil {
                if next < dossiers.count { startNext() }
            }
        }
        return results
    }

    func request(_ job: WebJobs.Job, kind: String, stem: String?, date: String, out: URL, result: URL, pages: [Int]? = nil)
        -> WorkerMessage.Request {
        WorkerMessage.Request(data: job.upload.data.path, display: job.upload.display, out: out.path, result: result.path, only: [],
                              date: date, draft: false, format: nil, kind: kind, stem: stem, pages: pages)
    }

    /// Sends one request to a render child; an answer other than `ok` becomes a `Failure` in Arabic.
    /// A job removed («remove my data», expiry) while its child rendered: the child may have written its output
    /// after the job's folder was removed, so the folder is removed again and the reply dropped (`WebJobs.Gone`).
    private func send(_ message: WorkerMessage.Request, jobID: String, job: WebJobs.Job) async throws -> WorkerMessage.Reply {
        let start = ContinuousClock.now
        let reply: WorkerMessage.Reply
        do {
            reply = try await pool.render(message, deadline: .now + .milliseconds(Int64(timeout * 1000)))
        } catch {
            if await !jobs.exists(jobID) { job.upload.remove(); throw WebJobs.Gone() }
            throw Failure(message: Self.refusal(error, timeout: timeout))
        }
        if await !jobs.exists(jobID) { job.upload.remove(); throw WebJobs.Gone() }
        metrics.renderDuration(start.duration(to: .now), outcome: reply.status)
        switch reply.status {
        case "ok":
            metrics.pages.increment(by: Int64(reply.pages ?? 0))
            return reply
        case "invalid":
            throw Failure(message: "لم تعد المعطيات صالحة لإنجاز هذا الملف: \(reply.message ?? "")")
        default:
            logger.error("web render failed in the child", metadata: ["reason": "\(reply.message?.prefix(200) ?? "")"])
            throw Failure(message: "تعذر إنجاز الملفات على الخادم؛ السبب مسجل في سجل الخادم.")
        }
    }

    static func refusal(_ error: any Error, timeout: Double) -> String {
        switch error {
        case WorkerPool.Refusal.queueFull, WorkerPool.Refusal.waitedTooLong:
            return "الخادم منشغل بطلبات أخرى الآن؛ أعيدوا المحاولة بعد دقيقة."
        case WorkerPool.Refusal.stopping:
            return "الخادم بصدد التوقف؛ أعيدوا المحاولة بعد إعادة تشغيله."
        case WorkerProcess.Failure.timedOut:
            return "استغرق إنجاز ملف أكثر من المدة المسموح بها (\(Int(timeout)) ثانية) فأوقف."
        default:
            return "توقف الإنجاز على الخادم بشكل غير متوقع؛ لم ينجز الملف."
        }
    }
}

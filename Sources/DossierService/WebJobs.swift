import Foundation

/// The web page's uploads, kept between its requests: each valid upload is a job with a random id, its data
/// in a private folder, the previews and downloads made from it. Jobs unused for `timeToLive` are removed with
/// their files; at most `limit` are kept (the oldest goes first), so abandoned uploads cannot fill the disk.
actor WebJobs {
    /// One download being made, or made.
    struct Download: Sendable {
        enum State: String, Sendable { case running, done, failed }
        var state: State = .running
        var done = 0
        var total: Int
        var message: String?
        /// The finished file, in the job's folder, and the name it is offered under.
        var file: URL?
        var fileName: String
        var contentType: String
    }

    struct Job: Sendable {
        let upload: UploadedConvention
        let summary: WebSummary
        var lastUsed: ContinuousClock.Instant
        var downloads: [String: Download] = [:]
        /// Preview pages by date then page number, and the dossier's page count by date.
        var previews: [String: [Int: URL]] = [:]
        var pageCounts: [String: Int] = [:]
        /// Numbers the job's scratch folders (names made here, never from what a client sent).
        var folders = 0
    }

    let timeToLive: Duration
    let limit: Int
    private var jobs: [String: Job] = [:]

    init(timeToLive: Duration, limit: Int = 64) {
        self.timeToLive = timeToLive
        self.limit = limit
    }

    /// Keeps a checked upload; returns its id.
    func add(_ upload: UploadedConvention, summary: WebSummary) -> String {
        removeExpired()
        while jobs.count >= limit, let oldest = jobs.min(by: { $0.value.lastUsed < $1.value.lastUsed })?.key { remove(oldest) }
        let id = Self.newID()
        jobs[id] = Job(upload: upload, summary: summary, lastUsed: .now)
        return id
    }

    /// The job, marked as used now; nil when unknown or expired.
    /// Whether the job is still kept (it may have been removed while a child rendered for it).
    func exists(_ id: String) -> Bool { jobs[id] != nil }

    func job(_ id: String) -> Job? {
        removeExpired()
        jobs[id]?.lastUsed = .now
        return jobs[id]
    }

    /// A new empty folder inside the job's own.
    func newFolder(_ id: String) throws -> URL {
        guard var job = jobs[id] else { throw Gone() }
        job.folders += 1
        jobs[id] = job
        let folder = job.upload.folder.appendingPathComponent("work-\(job.folders)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        return folder
    }

    func startDownload(_ id: String, _ download: Download) -> String? {
        guard jobs[id] != nil else { return nil }
        let downloadID = Self.newID()
        jobs[id]!.downloads[downloadID] = download
        return downloadID
    }

    func updateDownload(_ id: String, _ downloadID: String, _ change: (inout Download) -> Void) {
        guard jobs[id]?.downloads[downloadID] != nil else { return }
        change(&jobs[id]!.downloads[downloadID]!)
    }

    func download(_ id: String, _ downloadID: String) -> Download? {
        jobs[id]?.lastUsed = .now
        return jobs[id]?.downloads[downloadID]
    }

    func addPreview(_ id: String, date: String, pages: [Int: URL], count: Int) {
        guard jobs[id] != nil else { return }
        jobs[id]!.previews[date, default: [:]].merge(pages) { $1 }
        jobs[id]!.pageCounts[date] = count
    }

    /// Removes a job and its files at once (the page's «remove my data», and expiry).
    func remove(_ id: String) {
        jobs.removeValue(forKey: id)?.upload.remove()
    }

    func removeExpired() {
        let now = ContinuousClock.now
        for (id, job) in jobs where job.lastUsed.duration(to: now) > timeToLive { remove(id) }
    }

    func removeAll() {
        for id in jobs.keys { remove(id) }
    }

    /// 128 random bits in hex: ids cannot be guessed, and are only ever looked up, never made into paths.
    static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%08x", UInt32.random(in: .min ... .max, using: &generator)) }.joined()
    }

    struct Gone: Error {}
}

import Foundation

/// The new bodies of the objects the finishing writes in place of Cairo's (`CairoFile.write`), by object number.
///
/// A long dossier's are mostly its page contents, compressed again after their artifacts were marked: 93 MB for a
/// 10 000-project convention, held from the scan of Cairo's file to the writing of the finished one, at the time
/// libqpdf's objects are also in memory (the finishing's peak). From 64 MB of Cairo's file (`PDFFinisher.LongFile`),
/// the bodies go to a scratch file of their own instead, in the output's folder (on the disk the dossier is written
/// to, rather than a temporary folder that may be in memory), and each is read back when it is written; a shorter
/// document keeps them in memory, where a scratch file would cost more than it saves.
struct ReplacedBodies {
    private var inMemory: [Int: Data] = [:]
    private var spilled: [Int: Place] = [:]
    private let scratch: ScratchFile?

    /// Where a spilled body stands in the scratch file.
    private struct Place {
        var offset: Int
        var count: Int
    }

    /// Bodies kept in memory, or in a scratch file in `folder` when one is given and the file can be made there.
    init(spillingIn folder: URL? = nil) {
        scratch = folder.flatMap(ScratchFile.init)
    }

    /// Whether the bodies go to a scratch file.
    var isSpilled: Bool { scratch != nil }

    /// The object numbers with a new body.
    var ids: [Int] { Array(inMemory.keys) + Array(spilled.keys) }

    /// The new body of object `id`, nil when it has none.
    func body(_ id: Int) throws -> Data? {
        if let data = inMemory[id] { return data }
        guard let place = spilled[id], let scratch else { return nil }
        return try scratch.read(place.offset, count: place.count)
    }

    /// Gives object `id` the body `data` (in place of the one it may have had). Kept in memory when the scratch file
    /// cannot take it (a full disk): the finishing then needs more memory, but does not fail for that.
    mutating func set(_ id: Int, _ data: Data) {
        if let scratch, let offset = try? scratch.append(data) {
            spilled[id] = Place(offset: offset, count: data.count)
            inMemory[id] = nil
        } else {
            inMemory[id] = data
            spilled[id] = nil
        }
    }
}

/// A scratch file with no name: unlinked as soon as it is made, so that its space is given back when it is closed,
/// however the process ends, and nothing is left beside the output. Owner of the descriptor (not inherited by the
/// programs this process starts).
private final class ScratchFile {
    private let descriptor: Int32
    private var end = 0

    init?(in folder: URL) {
        var template = Array(folder.appendingPathComponent(".dossier-finishing-XXXXXX").path.utf8CString)
        // mkostemp (with O_CLOEXEC) is not in Swift's Glibc module: the flag is set just after.
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return nil }
        unlink(String(cString: template))
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Writes `data` at the end; returns where it starts.
    func append(_ data: Data) throws -> Int {
        let start = end
        var done = 0
        try data.withUnsafeBytes { bytes in
            while done < bytes.count {
                let count = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(start + done))
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { throw Self.failure("cannot write to its scratch file (\(String(cString: strerror(errno))))") }
                done += count
            }
        }
        end += data.count
        return start
    }

    /// The `count` bytes at `offset`.
    func read(_ offset: Int, count: Int) throws -> Data {
        var data = Data(count: count)
        var done = 0
        try data.withUnsafeMutableBytes { bytes in
            while done < count {
                let read = pread(descriptor, bytes.baseAddress! + done, count - done, off_t(offset + done))
                if read < 0 && errno == EINTR { continue }
                guard read > 0 else { throw Self.failure("cannot read its scratch file back") }
                done += read
            }
        }
        return data
    }

    private static func failure(_ reason: String) -> ArchiveError {
        ArchiveError.io(file: "the finishing", reason: reason)
    }
}

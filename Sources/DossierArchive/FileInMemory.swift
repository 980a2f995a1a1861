import Foundation

/// A file's bytes in memory for libqpdf to read (`qpdf_read_memory` reads them in place, for as long as its document
/// lives): a large file mapped read-only, a small one read into a buffer, where a mapping would cost more to set up
/// and take down than the copy. Owner of the mapping or the buffer.
final class FileInMemory {
    let address: UnsafeMutableRawPointer
    let size: Int
    private let isMapped: Bool

    /// From this size on, the file is mapped.
    static let mappedFrom = 4 << 20

    /// The file at `path`; nil when it cannot be read or mapped (then libqpdf reads it the usual way, which reports
    /// why).
    init?(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        let end = lseek(descriptor, 0, SEEK_END)
        guard end > 0 else { return nil }
        size = Int(end)
        if size >= Self.mappedFrom {
            guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else { return nil }
            address = mapped
            isMapped = true
        } else {
            guard let buffer = malloc(size) else { return nil }
            var done = 0
            while done < size {
                let count = pread(descriptor, buffer + done, size - done, off_t(done))
                guard count > 0 else { free(buffer); return nil }
                done += count
            }
            address = buffer
            isMapped = false
        }
    }

    deinit {
        if isMapped { munmap(address, size) } else { free(address) }
    }

    /// Lets the pages of a mapped file go from the process's memory (`QPDFDocument.releaseMappedPages`); a buffer
    /// is kept, since its pages would read back as zeros.
    func releaseMappedPages() {
        if isMapped { madvise(address, size, MADV_DONTNEED) }
    }
}

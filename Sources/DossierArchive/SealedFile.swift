import Crypto
import Foundation

/// The finished PDF, written to its file a piece at a time and sealed (`Seal`) as it goes: the bytes are hashed
/// as they are written, the identifier is written as zeros, and the seal is written over it at the end. A long
/// dossier is tens of megabytes; it is never held whole in memory next to Cairo's file.
struct SealedFile {
    private let handle: FileHandle
    private let path: String
    private var pending: [UInt8] = []
    private var hasher = SHA256()
    /// Bytes written so far: the offset of the next byte.
    private(set) var count = 0
    private var identifiers: [Int] = []
    /// Whether the bytes are hashed for a seal (a draft is not sealed: `PDFFinisher.compressStreams`).
    private let sealing: Bool

    static let pieceSize = 1 << 20

    init(creating url: URL, sealing: Bool = true) throws {
        path = url.path
        self.sealing = sealing
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw ArchiveError.io(file: url.path, reason: "cannot create the file")
        }
        handle = try FileHandle(forWritingTo: url)
        pending.reserveCapacity(Self.pieceSize)
    }

    mutating func write<Bytes: Collection>(_ bytes: Bytes) throws where Bytes.Element == UInt8 {
        pending.append(contentsOf: bytes)
        count += bytes.count
        if pending.count >= Self.pieceSize { try flush() }
    }

    mutating func write(_ text: String) throws { try write(Array(text.utf8)) }

    /// The 32 hexadecimal digits of a file identifier: zeros until `seal` writes the seal there.
    mutating func writeIdentifier() throws {
        identifiers.append(count)
        try write(Seal.zeros)
    }

    /// Writes what is pending and closes the file, unsealed.
    mutating func close() throws {
        try flush()
        do { try handle.close() } catch { throw ArchiveError.io(file: path, reason: error.localizedDescription) }
    }

    /// Writes what is pending, then the seal over every identifier, and closes the file.
    mutating func seal() throws {
        try flush()
        guard sealing else { throw ArchiveError.io(file: path, reason: "internal error: sealing a file made not to be sealed") }
        guard !identifiers.isEmpty else { throw ArchiveError.io(file: path, reason: "the finished PDF has no identifier to seal") }
        let digest = Array(hasher.finalize().map { String(format: "%02x", $0) }.joined().utf8.prefix(32))
        do {
            for offset in identifiers {
                try handle.seek(toOffset: UInt64(offset))
                try handle.write(contentsOf: digest)
            }
            try handle.close()
        } catch {
            throw ArchiveError.io(file: path, reason: error.localizedDescription)
        }
    }

    private mutating func flush() throws {
        if sealing { hasher.update(data: pending) }
        do { try handle.write(contentsOf: pending) } catch {
            throw ArchiveError.io(file: path, reason: error.localizedDescription)
        }
        pending.removeAll(keepingCapacity: true)
    }
}

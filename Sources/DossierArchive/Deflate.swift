import CDeflate
import Foundation
import Synchronization

/// Flate (zlib format) compression of whole buffers with libdeflate.
///
/// Every stream the finishing writes is compressed here (about a fifth of a one-project dossier's finishing):
/// libdeflate does it at about 1.5 times zlib's speed for slightly smaller output at the same level, because it
/// sees the whole buffer at once. Its compressors are made once and reused (each holds its match finder's
/// tables); one is used by one thread at a time, so the streams of a file can be compressed in parallel.
enum Deflate {
    /// zlib's default level, which the files were written with before.
    static let level: Int32 = 6

    private static let idle = Mutex<[Compressor]>([])

    /// `data` in the zlib format (what `/FlateDecode` reads).
    /// Throws rather than stopping the process: only memory running out makes this fail, which a server
    /// rendering for others must survive.
    static func zlib(_ data: Data) throws -> Data {
        let compressor = try idle.withLock { $0.popLast() } ?? Compressor(level: level)
        defer { idle.withLock { $0.append(compressor) } }
        return try compressor.zlib(data)
    }

    /// One libdeflate compressor, freed with its owner.
    private final class Compressor: @unchecked Sendable {  // used by one thread at a time: taken out of `idle` to be used
        private let pointer: OpaquePointer

        init(level: Int32) throws {
            guard let made = libdeflate_alloc_compressor(level) else {
                throw ArchiveError.io(file: "compressed stream", reason: "libdeflate could not make a compressor (out of memory)")
            }
            pointer = made
        }

        deinit { libdeflate_free_compressor(pointer) }

        func zlib(_ data: Data) throws -> Data {
            let bound = libdeflate_zlib_compress_bound(pointer, data.count)
            var output = Data(count: bound)
            let written = data.withUnsafeBytes { input in
                output.withUnsafeMutableBytes { out in
                    libdeflate_zlib_compress(pointer, input.baseAddress, input.count, out.baseAddress, bound)
                }
            }
            // libdeflate reports 0 only when the output does not fit, which the bound rules out.
            guard written > 0 else {
                throw ArchiveError.io(file: "compressed stream", reason: "libdeflate could not compress \(data.count) bytes")
            }
            // A copy of the right size: the buffer is as large as the input, and some results are kept for a whole
            // batch (the attached data, the colour profile).
            return output.prefix(written).withUnsafeBytes { Data($0) }
        }
    }
}

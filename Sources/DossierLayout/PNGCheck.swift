import CZlib
import Foundation

/// Checks that a PNG decodes completely before it is placed: Cairo skips an image it cannot read without
/// saying so, which would leave a hole in a dossier. The check walks every chunk (lengths and CRCs), reads
/// the header and inflates the image data to exactly the size the header announces.
enum PNGCheck {
    struct Failure: Error { var reason: String }

    /// Larger images are refused rather than inflated: a dossier's logo or map is far smaller.
    static let maximumPixels = 100_000_000
    static let maximumFileBytes = 256 << 20

    /// The pixel size of the PNG at `path`, after checking that it decodes.
    static func size(_ path: String) throws -> (width: Double, height: Double) {
        let bytes = try contents(path)
        let chunks = try PNGChunks(bytes)
        let header = try Header(chunks.first)
        try inflateExactly(chunks.imageData, expected: header.rawByteCount)
        return (Double(header.width), Double(header.height))
    }

    private static func contents(_ path: String) throws -> [UInt8] {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = attributes[.size] as? Int, let data = FileManager.default.contents(atPath: path) else {
            throw Failure(reason: "the file does not exist or cannot be read")
        }
        guard size <= maximumFileBytes else { throw Failure(reason: "it is larger than \(maximumFileBytes >> 20) MB") }
        return [UInt8](data)
    }

    /// The IHDR chunk: dimensions and pixel format.
    struct Header {
        var width: Int, height: Int, bitsPerPixel: Int, interlaced: Bool

        init(_ chunk: PNGChunks.Chunk?) throws {
            guard let chunk, chunk.type == "IHDR", chunk.data.count == 13 else { throw Failure(reason: "it has no PNG header (IHDR)") }
            let d = chunk.data
            width = Int(PNGChunks.be32(d, 0)); height = Int(PNGChunks.be32(d, 4))
            let depth = Int(d[8]), colour = Int(d[9])
            let channels: [Int: (Int, Set<Int>)] = [0: (1, [1, 2, 4, 8, 16]), 2: (3, [8, 16]), 3: (1, [1, 2, 4, 8]),
                                                     4: (2, [8, 16]), 6: (4, [8, 16])]
            guard let (count, depths) = channels[colour], depths.contains(depth), d[10] == 0, d[11] == 0, d[12] <= 1 else {
                throw Failure(reason: "its header declares an invalid pixel format")
            }
            guard width > 0, height > 0, width <= maximumPixels, height <= maximumPixels, width * height <= maximumPixels else {
                throw Failure(reason: "its size \(width)×\(height) is empty or over \(maximumPixels / 1_000_000) megapixels")
            }
            bitsPerPixel = count * depth
            interlaced = d[12] == 1
        }

        /// Bytes of the filtered image data: one filter byte per row, per Adam7 pass when interlaced.
        var rawByteCount: Int {
            func bytes(_ w: Int, _ h: Int) -> Int { w == 0 || h == 0 ? 0 : h * (1 + (w * bitsPerPixel + 7) / 8) }
            guard interlaced else { return bytes(width, height) }
            // Adam7 passes: (x start, y start, x step, y step).
            let passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
            return passes.reduce(0) { sum, p in
                sum + bytes((width - p.0 + p.2 - 1) / p.2, (height - p.1 + p.3 - 1) / p.3)
            }
        }
    }

    /// Inflates `data` and checks it holds exactly `expected` bytes, never producing more than that.
    static func inflateExactly(_ data: [UInt8], expected: Int) throws {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(reason: "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: 64 << 10)
        var produced = 0
        var status = Z_OK
        var input = data
        input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            while status == Z_OK && produced <= expected {
                status = output.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    let result = inflate(&stream, Z_NO_FLUSH)
                    produced += out.count - Int(stream.avail_out)
                    return result
                }
                if status == Z_BUF_ERROR && stream.avail_in > 0 { status = Z_OK }
            }
        }
        guard status == Z_STREAM_END else {
            throw Failure(reason: produced > expected ? "its image data is larger than its header announces"
                          : "its image data is truncated or corrupt (zlib: \(status == Z_BUF_ERROR ? "data ends early" : "invalid data"))")
        }
        guard produced == expected else {
            throw Failure(reason: "its image data holds \(produced) bytes where its header announces \(expected)")
        }
    }
}

/// The chunks of a PNG file, each checked against its CRC, from IHDR to IEND.
struct PNGChunks {
    struct Chunk { var type: String; var data: [UInt8] }
    var chunks: [Chunk] = []

    var first: Chunk? { chunks.first }
    /// The IDAT chunks' data, concatenated: one zlib stream.
    var imageData: [UInt8] { chunks.filter { $0.type == "IDAT" }.flatMap(\.data) }

    init(_ bytes: [UInt8]) throws {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count >= 8, Array(bytes[0..<8]) == signature else { throw PNGCheck.Failure(reason: "it is not a PNG file") }
        var offset = 8
        while chunks.last?.type != "IEND" {
            guard offset + 12 <= bytes.count else { throw PNGCheck.Failure(reason: "the file is truncated (it ends before its IEND chunk)") }
            let length = Int(Self.be32(bytes, offset))
            guard length <= bytes.count - offset - 12 else { throw PNGCheck.Failure(reason: "the file is truncated (a chunk runs past its end)") }
            let typeAndData = Array(bytes[(offset + 4)..<(offset + 8 + length)])
            let crc = typeAndData.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
            let type = String(decoding: typeAndData[0..<4], as: UTF8.self)
            guard crc == Self.be32(bytes, offset + 8 + length) else {
                throw PNGCheck.Failure(reason: "its \(type) chunk is corrupt (checksum mismatch)")
            }
            chunks.append(Chunk(type: type, data: Array(typeAndData[4...])))
            offset += 12 + length
        }
    }

    static func be32<C: RandomAccessCollection>(_ bytes: C, _ at: Int) -> UInt32 where C.Element == UInt8, C.Index == Int {
        let i = bytes.startIndex + at
        return UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16 | UInt32(bytes[i + 2]) << 8 | UInt32(bytes[i + 3])
    }
}

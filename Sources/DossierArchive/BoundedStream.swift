import CQPDF
import CZlib
import Foundation

/// Reading a stream of a PDF that may be hostile: the data is inflated here, a piece at a time, and
/// refused as soon as it passes a limit. libqpdf would inflate a 400 KB attachment to 3 GiB in memory
/// before anyone could look at its size.
enum BoundedStream {
    /// Far above any convention's data (the 1000-project synthetic convention attaches about 1 MB).
    static let maximumBytes = 64 << 20

    /// Why a stream was refused.
    enum Refusal: Error { case tooLarge(declared: Int?), sizeMismatch(declared: Int, actual: Int), unsupported(String), corrupt }

    /// Inflates zlib `data`, never holding more than `limit` bytes of output.
    static func inflate(_ data: Data, limit: Int) throws -> Data {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw Refusal.corrupt }
        defer { inflateEnd(&stream) }
        var output = Data()
        var piece = [UInt8](repeating: 0, count: 256 << 10)
        var input = [UInt8](data)
        var status = Z_OK
        input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            while status == Z_OK && output.count <= limit {
                piece.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    output.append(out.baseAddress!, count: out.count - Int(stream.avail_out))
                }
            }
        }
        if output.count > limit { throw Refusal.tooLarge(declared: nil) }
        guard status == Z_STREAM_END else { throw Refusal.corrupt }
        return output
    }
}

extension QPDFDocument {
    /// The decoded data of a stream written with no filter or with /FlateDecode (as Dossier writes them),
    /// at most `limit` bytes; `/Params /Size`, when the stream declares it, must match.
    func boundedStreamData(_ oh: qpdf_oh, limit: Int = BoundedStream.maximumBytes) throws -> Data {
        let declared = key(oh, "/Params").flatMap { key($0, "/Size") }.flatMap(integer)
        if let declared, declared > limit { throw BoundedStream.Refusal.tooLarge(declared: declared) }
        let raw = try rawStreamData(oh)
        let decoded: Data
        switch try filters(oh) {
        case []: decoded = raw
        case ["/FlateDecode"]: decoded = try BoundedStream.inflate(raw, limit: limit)
        case let other: throw BoundedStream.Refusal.unsupported(other.joined(separator: " "))
        }
        if decoded.count > limit { throw BoundedStream.Refusal.tooLarge(declared: declared) }
        if let declared, declared != decoded.count { throw BoundedStream.Refusal.sizeMismatch(declared: declared, actual: decoded.count) }
        return decoded
    }

    /// A stream's data as stored in the file, not decoded.
    func rawStreamData(_ oh: qpdf_oh) throws -> Data {
        var buffer: UnsafeMutablePointer<UInt8>?
        var length = 0
        var filtered: QPDF_BOOL = 0
        _ = qpdf_oh_get_stream_data(q, oh, qpdf_dl_none, &filtered, &buffer, &length)
        try check()
        defer { free(buffer) }
        guard let buffer else { return Data() }
        return Data(bytes: buffer, count: length)
    }

    /// The names of a stream's filters; refuses decode parameters, which Dossier never writes.
    func filters(_ oh: qpdf_oh) throws -> [String] {
        if key(oh, "/DecodeParms") != nil { throw BoundedStream.Refusal.unsupported("/DecodeParms") }
        guard let filter = key(oh, "/Filter") else { return [] }
        if qpdf_oh_is_name(q, filter) != 0 { return [String(cString: qpdf_oh_get_name(q, filter))] }
        return items(filter).map { qpdf_oh_is_name(q, $0) != 0 ? String(cString: qpdf_oh_get_name(q, $0)) : "?" }
    }

    func integer(_ oh: qpdf_oh) -> Int? {
        qpdf_oh_is_integer(q, oh) != 0 ? Int(qpdf_oh_get_int_value(q, oh)) : nil
    }
}

import CQPDF
import Foundation

/// Why finishing or reading a PDF failed.
public enum ArchiveError: Error, CustomStringConvertible {
    case qpdf(file: String, message: String)
    case io(file: String, reason: String)
    case notSealed(file: String)

    public var description: String {
        switch self {
        case .qpdf(let file, let message): return "\(file): \(message)"
        case .io(let file, let reason): return "\(file): \(reason)"
        case .notSealed(let file): return "\(file): not a sealed Dossier PDF (no content identifier)"
        }
    }
}

/// Owner of one libqpdf document (`qpdf_data`); object handles never leave this module.
final class QPDFDocument {
    private var data: qpdf_data?
    let file: String

    init(reading path: String) throws {
        file = path
        data = qpdf_init()
        qpdf_silence_errors(data)
        qpdf_set_suppress_warnings(data, 1)
        _ = qpdf_read(data, path, nil)
        try check()
    }

    deinit { qpdf_cleanup(&data) }

    var q: qpdf_data { data! }

    func check() throws {
        guard qpdf_has_error(q) != 0 else { return }
        let error = qpdf_get_error(q)
        throw ArchiveError.qpdf(file: file, message: String(cString: qpdf_get_error_full_text(q, error)))
    }

    var root: qpdf_oh { qpdf_get_root(q) }
    var trailer: qpdf_oh { qpdf_get_trailer(q) }

    // MARK: Making objects

    func name(_ n: String) -> qpdf_oh { qpdf_oh_new_name(q, n) }
    func text(_ s: String) -> qpdf_oh { qpdf_oh_new_unicode_string(q, s) }
    func integer(_ i: Int) -> qpdf_oh { qpdf_oh_new_integer(q, Int64(i)) }
    func bool(_ b: Bool) -> qpdf_oh { qpdf_oh_new_bool(q, b ? 1 : 0) }

    func dictionary(_ entries: [(String, qpdf_oh)]) -> qpdf_oh {
        let d = qpdf_oh_new_dictionary(q)
        for (key, value) in entries { qpdf_oh_replace_key(q, d, key, value) }
        return d
    }

    func array(_ items: [qpdf_oh]) -> qpdf_oh {
        let a = qpdf_oh_new_array(q)
        for item in items { qpdf_oh_append_item(q, a, item) }
        return a
    }

    /// A new stream holding `bytes` unfiltered (qpdf compresses it on writing unless told otherwise).
    func stream(_ bytes: Data, entries: [(String, qpdf_oh)]) -> qpdf_oh {
        let s = qpdf_oh_new_stream(q)
        bytes.withUnsafeBytes { buffer in
            qpdf_oh_replace_stream_data(q, s, buffer.bindMemory(to: UInt8.self).baseAddress, bytes.count,
                                        qpdf_oh_new_null(q), qpdf_oh_new_null(q))
        }
        let d = qpdf_oh_get_dict(q, s)
        for (key, value) in entries { qpdf_oh_replace_key(q, d, key, value) }
        return s
    }

    func indirect(_ oh: qpdf_oh) -> qpdf_oh { qpdf_make_indirect_object(q, oh) }

    // MARK: Reading objects

    func key(_ oh: qpdf_oh, _ key: String) -> qpdf_oh? {
        guard qpdf_oh_is_dictionary(q, oh) != 0 || qpdf_oh_is_stream(q, oh) != 0 else { return nil }
        let dict = qpdf_oh_is_stream(q, oh) != 0 ? qpdf_oh_get_dict(q, oh) : oh
        guard qpdf_oh_has_key(q, dict, key) != 0 else { return nil }
        return qpdf_oh_get_key(q, dict, key)
    }

    func set(_ oh: qpdf_oh, _ key: String, _ value: qpdf_oh) { qpdf_oh_replace_key(q, oh, key, value) }

    func items(_ oh: qpdf_oh) -> [qpdf_oh] {
        guard qpdf_oh_is_array(q, oh) != 0 else { return [] }
        return (0..<qpdf_oh_get_array_n_items(q, oh)).map { qpdf_oh_get_array_item(q, oh, $0) }
    }

    func isName(_ oh: qpdf_oh, _ value: String) -> Bool { qpdf_oh_is_name_and_equals(q, oh, value) != 0 }

    func string(_ oh: qpdf_oh) -> String? {
        guard qpdf_oh_is_string(q, oh) != 0 else { return nil }
        return String(cString: qpdf_oh_get_utf8_value(q, oh))
    }

    func isDictionary(_ oh: qpdf_oh) -> Bool { qpdf_oh_is_dictionary(q, oh) != 0 }

    /// The decoded data of a stream.
    func streamData(_ oh: qpdf_oh) throws -> Data {
        var buffer: UnsafeMutablePointer<UInt8>?
        var length = 0
        var filtered: QPDF_BOOL = 0
        _ = qpdf_oh_get_stream_data(q, oh, qpdf_dl_all, &filtered, &buffer, &length)
        try check()
        defer { free(buffer) }
        guard let buffer else { return Data() }
        return Data(bytes: buffer, count: length)
    }

    var pages: [qpdf_oh] { (0..<Int(qpdf_get_num_pages(q))).map { qpdf_get_page_n(q, $0) } }

    // MARK: Writing

    /// Writes the document with a fixed placeholder identifier (replaced by the seal), PDF 1.7 as PDF/A-3
    /// requires, and object streams: the structure tree of a tagged dossier is tens of thousands of small
    /// objects, which compress to half the file size.
    func write(to path: String) throws {
        _ = qpdf_init_write(q, path)
        try check()
        qpdf_set_static_ID(q, 1)
        qpdf_set_object_stream_mode(q, qpdf_o_generate)
        qpdf_set_minimum_pdf_version(q, "1.7")
        _ = qpdf_write(q)
        try check()
    }
}

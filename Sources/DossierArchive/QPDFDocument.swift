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

/// Owner of one libqpdf document (`qpdf_data`), read lazily; object handles never leave this module.
/// It is only read from: the finished file is written by `IncrementalUpdate`.
final class QPDFDocument {
    private var data: qpdf_data?
    let file: String
    /// The file in memory when libqpdf reads it from there (`inMemory`), let go after libqpdf is done (a stored
    /// property: it is released after `deinit` has closed the document).
    private let memory: FileInMemory?
    /// How many `releasingHandles` bodies have run: every 64th lets the mapped file's pages go.
    private var releasedBodies = 0

    /// Opens the PDF at `path`. `inMemory`: libqpdf reads the file from memory rather than through its file reader,
    /// which seeks and reads 4 KB for each entry of the cross-reference table (400 000 system calls, 1.6 GB copied,
    /// for the 131 000 objects of a 1000-project dossier; a few hundred calls, a tenth of the finishing, for a
    /// one-project dossier). Only for files this process wrote and nobody else changes (Cairo's output): a mapped
    /// file cut short under it would kill the process.
    init(reading path: String, inMemory: Bool = false) throws {
        file = path
        data = qpdf_init()
        qpdf_silence_errors(data)
        qpdf_set_suppress_warnings(data, 1)
        memory = inMemory ? FileInMemory(path) : nil
        if let memory {
            _ = qpdf_read_memory(data, path, memory.address.assumingMemoryBound(to: CChar.self), UInt64(memory.size), nil)
        } else {
            _ = qpdf_read(data, path, nil)
        }
        try check()
    }

    deinit { qpdf_cleanup(&data) }

    /// Lets the pages of the mapped file that libqpdf read go from the process's memory (they stay in the page
    /// cache, and come back when read again). Each read maps the 64 KB around it (the kernel's fault-around), so
    /// walking the pages and annotations of a long dossier would otherwise keep most of the file mapped: 200 MB
    /// more at the peak of a 3000-project dossier. Called between the finishing's walks, not after each object.
    func releaseMappedPages() { memory?.releaseMappedPages() }

    var q: qpdf_data { data! }

    func check() throws {
        guard qpdf_has_error(q) != 0 else { return }
        let error = qpdf_get_error(q)
        throw ArchiveError.qpdf(file: file, message: String(cString: qpdf_get_error_full_text(q, error)))
    }

    /// Runs `body`, then releases every object handle made while it ran. libqpdf keeps each handle its C API hands
    /// out until the document is closed, and a long dossier's finishing makes millions (several for each of 140 000
    /// link annotations); releasing a handle leaves its object, and any change made through it, in the document.
    /// Handles are numbered in the order they are made, so those of `body` are the ones between two new handles.
    /// No handle made in `body` may be used after it.
    func releasingHandles<T>(_ body: () throws -> T) rethrows -> T {
        let first = qpdf_oh_new_null(q)
        defer {
            let last = qpdf_oh_new_null(q)
            for handle in first...last { qpdf_oh_release(q, handle) }
            releasedBodies += 1
            if releasedBodies % 64 == 0 { releaseMappedPages() }
        }
        return try body()
    }

    /// The syntax of indirect object `id` as it is now, after which libqpdf lets the object go (it becomes an empty
    /// dictionary in libqpdf's view; the file keeps the text taken here). For objects edited once and never looked at
    /// again, such as link annotations, of which a long dossier has 140 000: each would otherwise stay parsed in
    /// libqpdf's memory until the document is closed. Not null: libqpdf leaves out of a dictionary every value that
    /// resolves to null, so a structure element written after this would lose its `/Obj` reference to the object.
    func takeSyntax(_ id: Int) -> String {
        releasingHandles {
            let object = object(id)
            let text = syntax(object)
            qpdf_replace_object(q, Int32(id), qpdf_oh_get_generation(q, object), qpdf_oh_new_dictionary(q))
            return text
        }
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

    func string(_ oh: qpdf_oh) -> String? {
        guard qpdf_oh_is_string(q, oh) != 0 else { return nil }
        return String(cString: qpdf_oh_get_utf8_value(q, oh))
    }

    func isDictionary(_ oh: qpdf_oh) -> Bool { qpdf_oh_is_dictionary(q, oh) != 0 }
    func isStream(_ oh: qpdf_oh) -> Bool { qpdf_oh_is_stream(q, oh) != 0 }

    /// The name's text, with its slash (`/TH`), or nil for another kind of object.
    func nameText(_ oh: qpdf_oh) -> String? {
        qpdf_oh_is_name(q, oh) != 0 ? String(cString: qpdf_oh_get_name(q, oh)) : nil
    }

    /// The decoded data of a stream.
    func streamData(_ oh: qpdf_oh) throws -> Data {
        var buffer: UnsafeMutablePointer<UInt8>?
        var length = 0
        var filtered: QPDF_BOOL = 0
        _ = qpdf_oh_get_stream_data(q, oh, qpdf_dl_all, &filtered, &buffer, &length)
        defer { free(buffer) }  // before the check: qpdf may hand back a buffer and an error together
        try check()
        guard let buffer else { return Data() }
        return Data(bytes: buffer, count: length)
    }

    var pages: [qpdf_oh] {
        defer { releaseMappedPages() }
        return (0..<Int(qpdf_get_num_pages(q))).map { qpdf_get_page_n(q, $0) }
    }

    /// The object number of an indirect object (0 for a direct one).
    func objectID(_ oh: qpdf_oh) -> Int { Int(qpdf_oh_get_object_id(q, oh)) }

    func object(_ id: Int) -> qpdf_oh { qpdf_get_object_by_id(q, Int32(id), 0) }

    /// PDF syntax of an object's value (its dictionary, array… rather than `N 0 R`).
    func syntax(_ oh: qpdf_oh) -> String { String(cString: qpdf_oh_unparse_resolved(q, oh)) }

    func remove(_ oh: qpdf_oh, _ key: String) { qpdf_oh_remove_key(q, oh, key) }

    var size: Int { key(trailer, "/Size").map { Int(qpdf_oh_get_int_value(q, $0)) } ?? 0 }
}

import CZlib
import Foundation

/// A zip archive of files stored as they are (no compression: the PDFs' streams are compressed already).
///
/// Written here rather than with ZIPFoundation, whose zlib module map is named `CZlib` like the project's
/// and cannot be built next to it. Entries carry a fixed time (1980-01-01), so the same dossiers always give
/// the same archive. Archives over 4 GB (zip64) are refused.
enum StoredZip {
    /// Writes the files at the `paths` relative to `folder`, in that order, under those names.
    static func write(_ paths: [String], from folder: URL, to archive: URL) throws {
        try write(paths.map { (name: $0, file: folder.appendingPathComponent($0)) }, to: archive)
    }

    /// Writes each `file` under its entry `name`, in that order.
    static func write(_ entries: [(name: String, file: URL)], to archive: URL) throws {
        var central = Data()
        FileManager.default.createFile(atPath: archive.path, contents: nil)
        let handle = try FileHandle(forWritingTo: archive)
        defer { try? handle.close() }
        var offset = 0
        for entry in entries {
            let data = try Data(contentsOf: entry.file)
            let name = Data(entry.name.utf8)
            guard data.count < Int(UInt32.max), offset < Int(UInt32.max) else { throw ZipTooLarge() }
            let crc = data.withUnsafeBytes { bytes in
                UInt32(crc32(0, bytes.bindMemory(to: UInt8.self).baseAddress, uInt(bytes.count)))
            }
            var local = Data()
            local.le32(0x0403_4b50); local.le16(20); local.le16(0x0800); local.le16(0)  // version, UTF-8 names, stored
            local.le16(0); local.le16(0x21)  // time 00:00, date 1980-01-01
            local.le32(crc); local.le32(UInt32(data.count)); local.le32(UInt32(data.count))
            local.le16(UInt16(name.count)); local.le16(0)
            local.append(name)
            try handle.write(contentsOf: local)
            try handle.write(contentsOf: data)
            central.le32(0x0201_4b50); central.le16(0x0314); central.le16(20); central.le16(0x0800); central.le16(0)
            central.le16(0); central.le16(0x21)
            central.le32(crc); central.le32(UInt32(data.count)); central.le32(UInt32(data.count))
            central.le16(UInt16(name.count)); central.le16(0); central.le16(0); central.le16(0); central.le16(0)
            central.le32(0o100644 << 16); central.le32(UInt32(offset))
            central.append(name)
            offset += local.count + data.count
        }
        guard offset < Int(UInt32.max), entries.count < 0xFFFF else { throw ZipTooLarge() }
        var end = Data()
        end.le32(0x0605_4b50); end.le16(0); end.le16(0)
        end.le16(UInt16(entries.count)); end.le16(UInt16(entries.count))
        end.le32(UInt32(central.count)); end.le32(UInt32(offset)); end.le16(0)
        try handle.write(contentsOf: central)
        try handle.write(contentsOf: end)
    }

    struct ZipTooLarge: Error, CustomStringConvertible {
        var description: String { "the dossiers exceed 4 GB or 65535 files, more than a plain zip holds; render fewer at a time" }
    }
}

private extension Data {
    mutating func le16(_ value: UInt16) { append(contentsOf: [UInt8(value & 0xFF), UInt8(value >> 8)]) }
    mutating func le32(_ value: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) } }
}

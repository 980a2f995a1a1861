import DossierFiles
import Foundation

/// The names of the files dossiers and messages are written to. Validation refuses data whose codes or
/// ids would give an empty name or the same name twice, so that no dossier overwrites another and no
/// partner's packet carries another partner's letter.
public enum FileName {
    /// `text` with every character other than ASCII letters, digits, `-`, `_` and `.` replaced by `_`, and
    /// without leading or trailing `.` and `_` (no hidden files, no `..`). Empty when nothing is left.
    /// Safe in paths, in email attachments and on every file system.
    public static func sanitized(_ text: String) -> String { SafeFileName.sanitized(text) }

    /// Names Windows reserves for devices, whatever the extension (`CON.pdf`, `nul.eml`): a file so named cannot
    /// be opened or copied there.
    static func isReservedOnWindows(_ name: String) -> Bool {
        let stem = name.split(separator: ".", maxSplits: 1).first.map { $0.uppercased() } ?? ""
        let devices: Set<String> = ["CON", "PRN", "AUX", "NUL"]
        if devices.contains(stem) { return true }
        guard stem.count == 4, let digit = stem.last, ("1"..."9").contains(digit) else { return false }
        return ["COM", "LPT"].contains(String(stem.prefix(3)))
    }

    /// Two names that are the same file on a disk that ignores case (USB sticks, Windows and macOS shares).
    static func sameFile(_ a: String, _ b: String) -> Bool { a.lowercased() == b.lowercased() }
}

extension Convention {
    /// The file name (without extension) of the dossier of `meetings[index]`: its date, followed by `-2`,
    /// `-3`… for the second, third… meeting of the same day in the order of the data.
    public func meetingFileName(at index: Int) -> String {
        let date = meetings[index].date
        let earlierSameDay = meetings[..<index].filter { $0.date == date }.count
        return earlierSameDay == 0 ? date.description : "\(date)-\(earlierSameDay + 1)"
    }
}

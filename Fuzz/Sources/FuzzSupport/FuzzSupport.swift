import CLibFuzzer
import Foundation

/// What the fuzzers share: where the project is and a scratch folder of their own.
public enum FuzzSupport {
    /// The repository root: `DOSSIER_HOME`, set by scripts/fuzz.sh.
    public static let root: URL = {
        guard let home = ProcessInfo.processInfo.environment["DOSSIER_HOME"] else {
            fatalError("set DOSSIER_HOME to the repository root (scripts/fuzz.sh does)")
        }
        return URL(fileURLWithPath: home)
    }()

    /// A new folder for this process's inputs, holding copies of `files` (paths relative to the root).
    public static func workFolder(copying files: [String]) -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in files {
            let target = folder.appendingPathComponent((file as NSString).lastPathComponent)
            try? FileManager.default.removeItem(at: target)
            try? FileManager.default.copyItem(at: root.appendingPathComponent(file), to: target)
        }
        return folder
    }

    /// Runs libFuzzer with this process's arguments and `input` as the function under test; returns its
    /// exit status.
    public static func run(_ input: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Int32 {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        return LLVMFuzzerRunDriver(&argc, &argv, input)
    }

    /// The fuzzer's input as bytes.
    public static func bytes(_ start: UnsafePointer<UInt8>, _ count: Int) -> Data { Data(bytes: start, count: count) }
}

/// Why output could not be written.
public enum RenderError: Error, Equatable, CustomStringConvertible {
    case cairo(status: String, file: String)
    case io(file: String, reason: String)

    public var description: String {
        switch self {
        case .cairo(let status, let file): return "\(file): drawing failed: \(status)"
        case .io(let file, let reason): return "\(file): \(reason)"
        }
    }
}

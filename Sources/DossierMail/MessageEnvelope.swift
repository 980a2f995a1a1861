import Foundation

/// The envelope of a message written by `MIMEMessage`: the sender and recipient addresses of its `From:`
/// and `To:` headers, read back to send a saved `.eml` file again.
public struct MessageEnvelope: Sendable, Equatable {
    public var from: String
    public var to: String

    public init(from: String, to: String) { self.from = from; self.to = to }

    /// Reads the envelope from a message's header block (folded lines joined); nil when the message has
    /// no `From:` or `To:` with one `<address>` that `MailAddress` accepts.
    public static func read(_ message: Data) -> MessageEnvelope? {
        let text = String(decoding: message.prefix(64 * 1024), as: UTF8.self)
        let headerBlock = text.components(separatedBy: "\r\n\r\n").first ?? text
        var fields: [String: String] = [:]
        var repeated: Set<String> = []
        var current: String?
        for line in headerBlock.components(separatedBy: "\r\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), let name = current {
                fields[name, default: ""] += line
            } else if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].lowercased()
                if fields[name] != nil { repeated.insert(name) }
                current = name
                fields[name] = String(line[line.index(after: colon)...])
            }
        }
        // A repeated From: or To: could hide a second recipient: such a file is not sent.
        guard repeated.isDisjoint(with: ["from", "to"]), let from = fields["from"].flatMap(address),
              let to = fields["to"].flatMap(address) else { return nil }
        return MessageEnvelope(from: from, to: to)
    }

    /// The single `<address>` of a header value, if it is a safe address.
    static func address(_ value: String) -> String? {
        let opens = value.filter { $0 == "<" }.count, closes = value.filter { $0 == ">" }.count
        guard opens == 1, closes == 1, let start = value.firstIndex(of: "<"), let end = value.firstIndex(of: ">"), start < end
        else { return nil }
        let address = String(value[value.index(after: start)..<end])
        return MailAddress.problem(address) == nil ? address : nil
    }
}

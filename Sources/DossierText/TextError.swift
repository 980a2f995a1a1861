/// Problems the text stage reports instead of drawing something wrong.
public enum TextError: Error, Equatable, CustomStringConvertible {
    /// A font file listed in the font manifest is not on this machine.
    case missingFont(file: String, package: String, searched: [String])
    /// The font manifest itself is unreadable or malformed.
    case badManifest(file: String, line: Int, message: String)
    /// A style asks for a family the manifest does not declare.
    case undeclaredFamily(family: String, declared: [String], place: String)
    /// No declared font has a glyph for this character.
    case uncoveredCharacter(codePoint: UInt32, text: String, place: String)
    /// Pango chose a family that is neither the one asked for nor a declared fallback.
    case undeclaredSubstitution(asked: String, got: String, text: String, place: String)
    /// fontconfig or Pango could not be set up.
    case setupFailed(String)

    public var description: String {
        switch self {
        case .missingFont(let file, let package, let searched):
            return "font file \(file) is missing (looked in \(searched.joined(separator: ", "))); "
                + "install it with: apt-get install \(package)"
        case .badManifest(let file, let line, let message):
            return "\(file):\(line): \(message)"
        case .undeclaredFamily(let family, let declared, let place):
            return "\(place): font family «\(family)» is not declared in Fonts/fonts.txt; "
                + "declared families: \(declared.joined(separator: ", "))"
        case .uncoveredCharacter(let cp, let text, let place):
            let hex = String(cp, radix: 16, uppercase: true)
            let padded = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            return "\(place): character U+\(padded) in «\(text)» is not covered by any declared font"
        case .undeclaredSubstitution(let asked, let got, let text, let place):
            return "\(place): font «\(got)» was substituted for «\(asked)» in «\(text)», "
                + "but it is not a declared fallback of «\(asked)» in Fonts/fonts.txt"
        case .setupFailed(let message):
            return "text setup failed: \(message)"
        }
    }
}

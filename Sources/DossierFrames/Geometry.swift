/// A point in PDF user space: points (1/72 inch), origin at the top-left of the page, y growing down.
public struct Point: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
}

/// A size in points.
public struct Size: Hashable, Sendable {
    public var width: Double
    public var height: Double
    public init(width: Double, height: Double) { self.width = width; self.height = height }

    /// ISO A4 portrait, 210 × 297 mm.
    public static let a4 = Size(width: 595.2756, height: 841.8898)
}

/// An axis-aligned rectangle in points.
public struct Rect: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }

    /// The same rectangle moved by `dx`, `dy`.
    public func offsetBy(dx: Double, dy: Double) -> Rect {
        Rect(x: x + dx, y: y + dy, width: width, height: height)
    }
}

/// An sRGB colour with alpha, components in 0...1. Stored as Float (16 bytes): pages hold many colours.
public struct Color: Hashable, Sendable {
    private var r: Float, g: Float, b: Float, a: Float
    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        r = Float(red); g = Float(green); b = Float(blue); a = Float(alpha)
    }
    public var red: Double { Double(r) }
    public var green: Double { Double(g) }
    public var blue: Double { Double(b) }
    public var alpha: Double { Double(a) }

    public static let black = Color(red: 0, green: 0, blue: 0)
    public static let white = Color(red: 1, green: 1, blue: 1)

    /// Parses `#rrggbb` or `#rgb`; nil when the text is not such a colour.
    public init?(hex: String) {
        var digits = Substring(hex)
        guard digits.first == "#" else { return nil }
        digits = digits.dropFirst()
        if digits.count == 3 { digits = Substring(digits.map { "\($0)\($0)" }.joined()) }
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        self.init(red: Double((value >> 16) & 0xFF) / 255,
                  green: Double((value >> 8) & 0xFF) / 255,
                  blue: Double(value & 0xFF) / 255)
    }

    /// `#rrggbb`, for dumps.
    public var hex: String {
        func byte(_ c: Double) -> String {
            let v = Int((c * 255).rounded())
            return (v < 16 ? "0" : "") + String(v, radix: 16)
        }
        return "#" + byte(red) + byte(green) + byte(blue)
    }
}

import Foundation
import DossierContent

/// A value axis with round ticks, starting at zero.
struct ChartScale: Equatable {
    let maximum: Double
    let step: Double

    /// Round ticks covering `largest`: steps of 1, 2, 2.5 or 5 times a power of ten, about five of them.
    init(largest: Double, fixedMaximum: Double? = nil) {
        if let fixed = fixedMaximum, fixed > 0 {
            maximum = fixed
            step = ChartScale.niceStep(fixed / 5)
            return
        }
        guard largest > 0, largest.isFinite else { maximum = 1; step = 0.25; return }
        let candidate = ChartScale.niceStep(largest / 5)
        step = candidate
        maximum = (largest / candidate).rounded(.up) * candidate
    }

    static func niceStep(_ raw: Double) -> Double {
        let magnitude = pow(10, floor(log10(raw)))
        let normalized = raw / magnitude
        let nice: Double = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 2.5 ? 2.5 : normalized <= 5 ? 5 : 10
        return nice * magnitude
    }

    var ticks: [Double] {
        var values: [Double] = []
        var value = 0.0
        while value <= maximum + step / 1000 {
            values.append(value)
            value += step
        }
        return values
    }

    /// A tick value with a decimal comma, trailing zeros dropped, in the document's digits.
    static func label(_ value: Double, digits: DigitStyle) -> String { digits.decimal(value, places: 2) }
}

/// A data series of a chart: a name (for the legend) and one value per category.
public struct ChartSeries: Hashable, Sendable {
    public var name: String
    /// Values in the chart's unit (e.g. millions of dirhams), used for geometry only.
    public var values: [Double]
    public init(name: String, values: [Double]) { self.name = name; self.values = values }
}

/// A chart, laid out like a table: it fills the width it is given and its height follows its categories.
/// Tall bar charts break between categories, with their title, legend and axis repeated on each page.
public struct ChartBlock: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// One horizontal bar per category (amount per project).
        case bars
        /// Horizontal bars split by series (financing of each project by partner).
        case stackedBars = "stacked-bars"
        /// A ring of shares with a legend (each partner's share).
        case donut
        /// Per category, a track (the first series, or the axis maximum) with the other series drawn inside it.
        case progress
    }

    public var kind: Kind
    public var title: String?
    public var categories: [String]
    public var series: [ChartSeries]
    /// Text written on or beside each category's bar (or in the donut's legend), already formatted.
    public var valueLabels: [String]
    /// The unit, written once (e.g. «مليون درهم»).
    public var unit: String?
    /// A fixed axis maximum (100 for percentages); nil chooses a round one.
    public var maxValue: Double?
    public var direction: Direction
    public var digits: DigitStyle
    public var style: ChartStyle
    /// A sentence describing the data, for readers who cannot see the chart.
    public var altText: String?
    public var source: String?

    public init(kind: Kind, title: String? = nil, categories: [String], series: [ChartSeries], valueLabels: [String] = [],
                unit: String? = nil, maxValue: Double? = nil, direction: Direction = .rtl, digits: DigitStyle = .latn,
                style: ChartStyle = ChartStyle(), altText: String? = nil, source: String? = nil) {
        self.kind = kind; self.title = title; self.categories = categories; self.series = series
        self.valueLabels = valueLabels; self.unit = unit; self.maxValue = maxValue; self.direction = direction
        self.digits = digits; self.style = style; self.altText = altText; self.source = source
    }
}

/// How a chart looks. The default palette varies lightness and adds hatching from the fourth series on,
/// so series stay apart in greyscale print and for colour-blind readers.
public struct ChartStyle: Hashable, Sendable {
    public var family: String
    public var size: Double
    public var textColor: String
    public var palette: [String]
    /// Hatching per palette index (`rising`, `falling`, `cross`, `vertical`, `horizontal`, or empty for none).
    public var hatches: [String]
    public var barThickness: Double
    /// Longest category labels wrap to this many lines, then end with an ellipsis.
    public var maxLabelLines: Int
    public var gridColor: String
    public var lineWidth: Double
    public var spaceAfter: Double

    public init(family: String = "Noto Sans Arabic", size: Double = 8.5, textColor: String = "#222222",
                palette: [String] = ChartStyle.defaultPalette, hatches: [String] = ChartStyle.defaultHatches,
                barThickness: Double = 11, maxLabelLines: Int = 2, gridColor: String = "#cccccc", lineWidth: Double = 0.5,
                spaceAfter: Double = 10) {
        self.family = family; self.size = size; self.textColor = textColor; self.palette = palette; self.hatches = hatches
        self.barThickness = barThickness; self.maxLabelLines = maxLabelLines; self.gridColor = gridColor
        self.lineWidth = lineWidth; self.spaceAfter = spaceAfter
    }

    /// Dark blue, amber, light blue, brick, pale green, grey, sand, green: entries that are close in
    /// lightness differ by their hatching, so each stays distinct when printed in grey.
    public static let defaultPalette = ["#1b3b6f", "#e0a030", "#9ccbee", "#8c2d19", "#c4dca8", "#5a5a5a", "#f0d8b0", "#2f6b47"]
    public static let defaultHatches = ["", "", "rising", "falling", "cross", "vertical", "horizontal", ""]
}

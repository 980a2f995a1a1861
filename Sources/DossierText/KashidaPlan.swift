/// How a justified line's slack is shared between elongations and spaces, in Pango units (1/1024 pt), so that
/// the shares add up to the slack exactly.
public struct KashidaPlan: Equatable, Sendable {
    /// Elongation of each site, in the order given (0: not elongated).
    public var elongations: [Int]
    /// Width added to each expandable space, in the order given.
    public var spaces: [Int]

    /// One word's elongation point, as the planner sees it.
    public struct Site: Equatable, Sendable {
        public var rule: KashidaRule
        /// Advance of the font's tatweel at the run's size.
        public var tatweelWidth: Int
        public init(rule: KashidaRule, tatweelWidth: Int) { self.rule = rule; self.tatweelWidth = tatweelWidth }
    }

    /// A word is stretched by at most this many tatweel widths: longer reads as a gap in the word.
    public static let capInTatweels = 3

    /// Shares `slack` between `sites` and `spaceCount` spaces.
    ///
    /// Each elongated word gets the same amount, between one tatweel width (shorter would need a tatweel glyph
    /// overlapping the next letter) and `capInTatweels` of them; when there is not enough slack for every site,
    /// the best rules are used first, and among equal rules sites spread evenly over the line, so elongations
    /// do not crowd at one end. What the words cannot take goes to the spaces.
    public static func distribute(slack: Int, sites: [Site], spaceCount: Int) -> KashidaPlan {
        var plan = KashidaPlan(elongations: Array(repeating: 0, count: sites.count),
                               spaces: Array(repeating: 0, count: spaceCount))
        guard slack > 0 else { return plan }
        // As many words as can each take a whole tatweel of the widest font on the line.
        let widest = sites.map(\.tatweelWidth).max() ?? 0
        let usable = widest > 0 ? min(sites.count, slack / widest) : 0
        let chosen = preferred(sites, count: usable)
        var left = slack
        for (order, index) in chosen.enumerated() {
            let width = sites[index].tatweelWidth
            let share = left / (chosen.count - order)
            let elongation = min(share, capInTatweels * width)
            guard elongation >= width else { continue }
            plan.elongations[index] = elongation
            left -= elongation
        }
        guard spaceCount > 0 else { return plan }
        for index in 0..<spaceCount { plan.spaces[index] = left / spaceCount + (index < left % spaceCount ? 1 : 0) }
        return plan
    }

    /// The `count` sites to elongate: best rules first; when a rule has more sites than places left, evenly
    /// spaced ones among them. Returned in line order.
    package static func preferred(_ sites: [Site], count: Int) -> [Int] {
        guard count > 0 else { return [] }
        var chosen: [Int] = []
        for rule in KashidaRule.allCases where chosen.count < count {
            let group = sites.indices.filter { sites[$0].rule == rule }
            let room = count - chosen.count
            if group.count <= room {
                chosen += group
            } else {
                // Centres of `room` equal slices of the group: with 2 of 5, the 2nd and 4th.
                chosen += (0..<room).map { group[($0 * 2 + 1) * group.count / (room * 2)] }
            }
        }
        return chosen.sorted()
    }
}

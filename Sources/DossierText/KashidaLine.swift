import CPango

/// How one line of a kashida-justified paragraph was filled.
public struct KashidaLineReport: Hashable, Sendable {
    /// The rule of each elongated word, in logical order within each run, runs in visual order.
    public var rules: [KashidaRule]
    /// Points added by elongations, and by widened spaces.
    public var elongation: Double
    public var spaces: Double
    /// Why some or all of the slack went to the spaces, when it did.
    public var fallback: KashidaFallback?
}

/// Why a line was (partly) justified by its spaces.
public enum KashidaFallback: String, Hashable, Sendable {
    /// No word on the line has a rule's place that HarfBuzz marks safe.
    case noElongationPoint = "no-elongation-point"
    /// The line's fonts have no tatweel glyph.
    case noTatweelGlyph = "no-tatweel-glyph"
    /// The words took all they may (the cap per word, or less than a tatweel was left).
    case capReached = "cap-reached"
    /// Neither a word to elongate nor a space to widen: the line stays short.
    case nothingToStretch = "nothing-to-stretch"
}

/// Justifies one Pango line by kashida, in place: tatweel glyphs are inserted into the glyph strings, inside the
/// cluster of the letter the elongated join leads to (so the run's text stays the source text and the PDF maps
/// them with `/ActualText`), and what elongation cannot take widens the spaces.
///
/// Why that letter's cluster and not the extended one's: drawn left to right, the cluster then starts with its
/// letter and ends with the tatweels (`ن` then `ـــ` in «الصـــناعة»). MuPDF matches the start and the end of an
/// `/ActualText` span against the glyphs' own characters; a span that ended with its letter (`ـــص`) made it
/// write the letter twice (`الص صناعة`), one that starts with it writes it once. When the next letter ends the word
/// the tatweels stay with the extended letter: a word-final span holding them made PDFium read the word backwards.
struct KashidaLine {
    let paragraph: PangoParagraph
    let isolates: [Range<Int>]

    /// One elongation point found on the line.
    struct Site {
        var run: UnsafeMutablePointer<PangoGlyphItem>
        /// First byte of the extended letter's cluster, relative to the item.
        var cluster: Int32
        /// First byte after the extended letter and its vowel marks (each mark is a cluster of its own).
        var groupEnd: Int32
        /// First byte of the cluster of the letter after the elongation point (which takes the tatweels).
        var following: Int32
        var rule: KashidaRule
        var tatweel: TatweelShaping.Tatweel
    }

    /// A space glyph whose width may grow.
    private struct Space {
        var glyphs: UnsafeMutablePointer<PangoGlyphString>
        var index: Int
    }

    /// Stretches `line` by `slack` Pango units.
    func justify(_ line: UnsafeMutablePointer<PangoLayoutLine>, slack: Int) -> KashidaLineReport {
        let runs = glyphItems(of: line)
        var sites: [Site] = []
        var spaces: [Space] = []
        var sawArabic = false, sawTatweel = false
        let lineEnd = Int(line.pointee.start_index + line.pointee.length)
        for run in runs {
            spaces += expandableSpaces(in: run, lineEnd: lineEnd)
            guard let (tatweel, found) = elongationSites(in: run) else { continue }
            sawArabic = true
            sawTatweel = sawTatweel || tatweel != nil
            sites += found
        }
        let plan = KashidaPlan.distribute(slack: slack, sites: sites.map { .init(rule: $0.rule, tatweelWidth: $0.tatweel.width) },
                                          spaceCount: spaces.count)
        // Inserting shifts later glyphs: insert from the end of each glyph string.
        let order = sites.indices.sorted { firstGlyph(of: sites[$0]) > firstGlyph(of: sites[$1]) }
        for index in order where plan.elongations[index] > 0 { insertTatweels(sites[index], width: plan.elongations[index]) }
        for (space, extra) in zip(spaces, plan.spaces) { space.glyphs.pointee.glyphs[space.index].geometry.width += Int32(extra) }
        let elongated = plan.elongations.reduce(0, +), widened = plan.spaces.reduce(0, +)
        let fallback: KashidaFallback?
        if elongated + widened < slack { fallback = .nothingToStretch }
        else if widened == 0 { fallback = nil }
        else if sites.isEmpty { fallback = sawArabic && !sawTatweel ? .noTatweelGlyph : .noElongationPoint }
        else { fallback = .capReached }
        return KashidaLineReport(rules: sites.indices.filter { plan.elongations[$0] > 0 }.map { sites[$0].rule },
                                 elongation: Double(elongated) / Double(PANGO_SCALE),
                                 spaces: Double(widened) / Double(PANGO_SCALE), fallback: fallback)
    }

    private func glyphItems(of line: UnsafeMutablePointer<PangoLayoutLine>) -> [UnsafeMutablePointer<PangoGlyphItem>] {
        var items: [UnsafeMutablePointer<PangoGlyphItem>] = []
        var node = line.pointee.runs
        while let current = node {
            if let item = current.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self) { items.append(item) }
            node = current.pointee.next
        }
        return items
    }

    /// The word spaces of a run, not the one ending the line (Pango gives it no width) nor those of numbers,
    /// codes and Latin phrases (`1 250 000` must not come apart).
    private func expandableSpaces(in run: UnsafeMutablePointer<PangoGlyphItem>, lineEnd: Int) -> [Space] {
        let item = run.pointee.item.pointee, glyphs = run.pointee.glyphs!
        var found: [Space] = []
        for index in 0..<Int(glyphs.pointee.num_glyphs) {
            let byte = Int(item.offset) + Int(glyphs.pointee.log_clusters[index])
            guard paragraph.text[byte] == 0x20, byte + 1 < lineEnd, !isIsolated(byte) else { continue }
            found.append(Space(glyphs: glyphs, index: index))
        }
        return found
    }

    /// The elongation points of a right-to-left Arabic run, one per word at most; nil for runs that are never
    /// elongated (left to right, inside an isolate). The tatweel is nil when the font has none.
    func elongationSites(in run: UnsafeMutablePointer<PangoGlyphItem>) -> (TatweelShaping.Tatweel?, [Site])? {
        let item = run.pointee.item.pointee
        guard item.analysis.level % 2 == 1, let font = item.analysis.font else { return nil }
        let range = Int(item.offset)..<Int(item.offset + item.length)
        guard !isolates.contains(where: { $0.overlaps(range) }) else { return nil }
        guard let tatweel = TatweelShaping.tatweel(font: font, size: paragraph.span(at: range.lowerBound).size) else {
            return (nil, [])
        }
        let harfBuzz = TatweelShaping.clusters(font: font, text: paragraph.text, range: range)
        let pango = pangoClusters(run)
        var sites: [Site] = []
        for word in words(in: range) {
            let scalars = word.map(\.scalar)
            // Digits or Latin in a word (a code written without spaces): the word is left alone.
            guard !scalars.contains(where: { $0.isASCII }) else { continue }
            // Pango's clusters are characters (a vowel mark is a cluster of its own), and so are HarfBuzz's here.
            let endsWord = { (before: Int) in word[(before + 1)...].allSatisfy { ArabicJoining.isMark($0.scalar) } }
            let point = KashidaRules.elongationPoint(in: scalars) { before in
                let start = word[before].byte
                guard let info = harfBuzz[start], info.safeBefore, pango[start - range.lowerBound] == info.glyphs else { return false }
                // The extended letter must be shaped by Pango as HarfBuzz did.
                let extendedIndex = KashidaRules.clusterStart(of: before - 1, in: scalars)
                let extended = word[extendedIndex].byte
                guard harfBuzz[extended].map({ pango[extended - range.lowerBound] == $0.glyphs }) ?? false else { return false }
                // Tatweels kept with a vowelled extended letter would split its marks from it in the text layer.
                return !(endsWord(before) && extendedIndex < before - 1)
            }
            guard let point else { continue }
            let cluster = word[KashidaRules.clusterStart(of: point.before - 1, in: scalars)].byte - range.lowerBound
            let groupEnd = word[point.before].byte - range.lowerBound
            // The next letter takes the tatweels unless it ends the word (see the type's comment).
            let following = endsWord(point.before) ? cluster : groupEnd
            sites.append(Site(run: run, cluster: Int32(cluster), groupEnd: Int32(groupEnd), following: Int32(following),
                              rule: point.rule, tatweel: tatweel))
        }
        return (tatweel, sites)
    }

    /// Glyph ids of each cluster of the run, by the cluster's first byte in the item, in HarfBuzz's order.
    private func pangoClusters(_ run: UnsafeMutablePointer<PangoGlyphItem>) -> [Int: [UInt32]] {
        let glyphs = run.pointee.glyphs.pointee
        var result: [Int: [UInt32]] = [:]
        for index in 0..<Int(glyphs.num_glyphs) {
            result[Int(glyphs.log_clusters[index]), default: []].append(glyphs.glyphs[index].glyph)
        }
        return result
    }

    /// The words of a byte range (runs of characters between spaces), each as scalars with their byte offsets.
    private func words(in range: Range<Int>) -> [[(scalar: Unicode.Scalar, byte: Int)]] {
        var words: [[(scalar: Unicode.Scalar, byte: Int)]] = [[]]
        var byte = range.lowerBound
        for scalar in String(decoding: paragraph.text[range], as: UTF8.self).unicodeScalars {
            // Joiners stay inside their word (the rules never stretch across a non-joiner); bidi controls,
            // punctuation and digits end it.
            let inWord = scalar.properties.isAlphabetic || ArabicJoining.isMark(scalar) || scalar == ArabicJoining.tatweel
                || scalar == "\u{200C}" || scalar == ArabicJoining.zeroWidthJoiner
            if !inWord {
                if !(words.last?.isEmpty ?? true) { words.append([]) }
            } else {
                words[words.count - 1].append((scalar, byte))
            }
            byte += String(scalar).utf8.count
        }
        return words.filter { !$0.isEmpty }
    }

    private func isIsolated(_ byte: Int) -> Bool { isolates.contains { $0.contains(byte) } }

    /// Visual index of the first (leftmost) glyph of the site's extended letter and its marks: the marks are
    /// placed from the pen position their letter's glyph starts at, so the tatweels go before all of them.
    private func firstGlyph(of site: Site) -> Int {
        let glyphs = site.run.pointee.glyphs.pointee
        return (0..<Int(glyphs.num_glyphs)).first { (site.cluster..<site.groupEnd).contains(glyphs.log_clusters[$0]) } ?? 0
    }

    /// Puts tatweel glyphs left of the extended letter, at the end of the next letter's cluster (see the type's
    /// comment), filling `width` exactly: each glyph is drawn whole and they overlap one another rather than the
    /// letters, the last one ending at the extended letter.
    private func insertTatweels(_ site: Site, width: Int) {
        let glyphs = site.run.pointee.glyphs!
        let at = firstGlyph(of: site), count = (width + site.tatweel.width - 1) / site.tatweel.width
        let oldCount = Int(glyphs.pointee.num_glyphs)
        pango_glyph_string_set_size(glyphs, Int32(oldCount + count))
        let string = glyphs.pointee
        for index in stride(from: oldCount - 1, through: at, by: -1) {
            string.glyphs[index + count] = string.glyphs[index]
            string.log_clusters[index + count] = string.log_clusters[index]
        }
        // Advances: the first count-1 glyphs share what exceeds one tatweel, the last advances a whole one.
        let shared = width - site.tatweel.width
        for offset in 0..<count {
            var info = PangoGlyphInfo()
            info.glyph = site.tatweel.glyph
            if offset == count - 1 {
                info.geometry.width = Int32(site.tatweel.width)
            } else {
                info.geometry.width = Int32(shared / (count - 1) + (offset < shared % (count - 1) ? 1 : 0))
            }
            string.glyphs[at + offset] = info
            string.log_clusters[at + offset] = site.following
        }
    }
}

extension KashidaRules {
    /// The first scalar of the cluster holding scalar `index`: a letter and the marks after it are one cluster.
    static func clusterStart(of index: Int, in word: [Unicode.Scalar]) -> Int {
        var i = index
        while i > 0 && ArabicJoining.isMark(word[i]) { i -= 1 }
        return i
    }
}

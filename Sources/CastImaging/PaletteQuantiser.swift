import StyleCastArt

/// A small palette for many colours, deterministically: median cut (repeatedly split the box
/// of colours with the largest squared error, along its widest-spread channel, at the
/// pixel-weighted median), then a few rounds of k-means started from those box means. Colours
/// are handled in sorted order so the result never depends on hashing. When the colours
/// already number `maxColours` or fewer they are the palette, unchanged.
enum PaletteQuantiser {
    static let refinementRounds = 4

    private struct Entry {
        let colour: RGB
        let count: Int
        func channel(_ c: Int) -> Int { c == 0 ? Int(colour.r) : c == 1 ? Int(colour.g) : Int(colour.b) }
    }

    static func palette(for pixels: [RGB], maxColours: Int) -> [RGB] {
        var histogram: [RGB: Int] = [:]
        for colour in pixels { histogram[colour, default: 0] += 1 }
        let entries = histogram.map { Entry(colour: $0.key, count: $0.value) }.sorted { key($0.colour) < key($1.colour) }
        if entries.count <= maxColours { return entries.map(\.colour) }
        var boxes: [[Entry]] = [entries]
        while boxes.count < maxColours {
            let errors = boxes.map(squaredError)
            guard let widest = errors.indices.max(by: { errors[$0] < errors[$1] || (errors[$0] == errors[$1] && $0 > $1) }),
                  errors[widest] > 0 else { break }
            let (lower, upper) = split(boxes[widest])
            boxes[widest] = lower
            boxes.insert(upper, at: widest + 1)
        }
        var centres = boxes.map(mean)
        for _ in 0..<refinementRounds {
            var sums = [[Double]](repeating: [0, 0, 0, 0], count: centres.count)
            for entry in entries {
                let k = nearestIndex(to: entry.colour, in: centres)
                for c in 0..<3 { sums[k][c] += Double(entry.channel(c) * entry.count) }
                sums[k][3] += Double(entry.count)
            }
            centres = centres.indices.map { k in
                sums[k][3] > 0 ? rounded(sums[k][0] / sums[k][3], sums[k][1] / sums[k][3], sums[k][2] / sums[k][3]) : centres[k]
            }
        }
        var unique: [RGB] = []
        for centre in centres where !unique.contains(centre) { unique.append(centre) }
        return unique
    }

    /// The palette colour closest in RGB (squared distance; the earlier one on a tie).
    static func nearest(to colour: RGB, in palette: [RGB]) -> RGB { palette[nearestIndex(to: colour, in: palette)] }

    private static func nearestIndex(to colour: RGB, in palette: [RGB]) -> Int {
        var best = 0, bestDistance = Int.max
        for (k, candidate) in palette.enumerated() {
            let dr = Int(colour.r) - Int(candidate.r), dg = Int(colour.g) - Int(candidate.g), db = Int(colour.b) - Int(candidate.b)
            let distance = dr * dr + dg * dg + db * db
            if distance < bestDistance { best = k; bestDistance = distance }
        }
        return best
    }

    private static func key(_ colour: RGB) -> Int { Int(colour.r) << 16 | Int(colour.g) << 8 | Int(colour.b) }

    private static func squaredError(_ box: [Entry]) -> Double {
        guard box.count > 1 else { return 0 }
        let centre = means(box)
        return box.reduce(0) { total, entry in
            total + Double(entry.count) * (0..<3).reduce(0) { $0 + pow2(Double(entry.channel($1)) - centre[$1]) }
        }
    }

    /// Splits along the channel with the largest weighted variance at its weighted median;
    /// both halves keep at least one colour.
    private static func split(_ box: [Entry]) -> ([Entry], [Entry]) {
        let centre = means(box)
        let variances = (0..<3).map { c in box.reduce(0.0) { $0 + Double($1.count) * pow2(Double($1.channel(c)) - centre[c]) } }
        let axis = variances.indices.max { variances[$0] < variances[$1] || (variances[$0] == variances[$1] && $0 > $1) }!
        let sorted = box.sorted { ($0.channel(axis), key($0.colour)) < ($1.channel(axis), key($1.colour)) }
        let half = sorted.reduce(0) { $0 + $1.count } / 2
        var running = 0, cut = 1
        for (i, entry) in sorted.enumerated() {
            running += entry.count
            if running >= half { cut = i + 1; break }
        }
        cut = min(max(cut, 1), sorted.count - 1)
        return (Array(sorted[..<cut]), Array(sorted[cut...]))
    }

    private static func means(_ box: [Entry]) -> [Double] {
        let total = Double(box.reduce(0) { $0 + $1.count })
        return (0..<3).map { c in box.reduce(0.0) { $0 + Double($1.channel(c) * $1.count) } / total }
    }

    private static func mean(_ box: [Entry]) -> RGB {
        let m = means(box)
        return rounded(m[0], m[1], m[2])
    }

    private static func rounded(_ r: Double, _ g: Double, _ b: Double) -> RGB {
        RGB(UInt8(r.rounded()), UInt8(g.rounded()), UInt8(b.rounded()))
    }

    private static func pow2(_ x: Double) -> Double { x * x }
}

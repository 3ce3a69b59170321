/// NVlabs `upfirdn2d` for a separable filter: zero-stuff by `up`, pad, then convolve with the
/// filter (a true convolution, i.e. the taps flipped), on each axis in turn.
struct SeparableUpFIRDn: Sendable {
    /// The 1-D filter, normalised to sum 1 and pre-flipped for correlation, times the per-axis gain.
    let taps: [Float]
    let up: Int
    let padBefore: Int
    let padAfter: Int

    /// `filter` is the 1-D filter as given (e.g. [1, 3, 3, 1]); `gain` is the 2-D gain (up^2 when
    /// up-sampling), split evenly between the axes.
    init(filter: [Float], up: Int, padBefore: Int, padAfter: Int, gain: Float) {
        let sum = filter.reduce(0, +)
        let axisGain = gain.squareRoot()
        taps = filter.reversed().map { $0 / sum * axisGain }
        self.up = up
        self.padBefore = padBefore
        self.padAfter = padAfter
    }

    /// `upsample2d`: up 2 with the padding that keeps the output exactly twice the input.
    static func upsample2x(filter: [Float]) -> SeparableUpFIRDn {
        SeparableUpFIRDn(filter: filter, up: 2, padBefore: (filter.count + 1) / 2, padAfter: (filter.count - 2) / 2, gain: 4)
    }

    func outputLength(_ n: Int) -> Int { n * up + padBefore + padAfter - taps.count + 1 }

    /// The input sample that tap `t` of output sample `i` reads on an axis of `n` inputs, once
    /// they are zero-stuffed by `up` and padded; nil where it reads padding or a stuffed zero.
    @inline(__always)
    func inputIndex(output i: Int, tap t: Int, inputLength n: Int) -> Int? {
        let m = i + t - padBefore
        return m >= 0 && m % up == 0 && m / up < n ? m / up : nil
    }

    /// Floats `apply` needs in `scratch` for an input of `height` x `width`.
    func scratchCount(height: Int, width: Int) -> Int {
        height * outputLength(width) + width * up + padBefore + padAfter
    }

    /// Filters one channel `[height, width]` into `output` `[outputLength(height), outputLength(width)]`.
    /// Each output value is one pass summing its taps in tap order from zero (the 4-tap filters and
    /// the 2 taps an up-by-2 row meets have their own loops), so it stays in registers instead of
    /// being read and written once per tap.
    func apply(_ input: UnsafePointer<Float>, height: Int, width: Int,
               into output: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        let outWidth = outputLength(width), outHeight = outputLength(height)
        let rowPass = scratch, stuffed = scratch + height * outWidth
        let stuffedCount = width * up + padBefore + padAfter
        taps.withUnsafeBufferPointer { f in
            // Horizontal: each row zero-stuffed and padded, then out[x] = sum_t f[t] * stuffed[x + t].
            stuffed.update(repeating: 0, count: stuffedCount)
            for y in 0..<height {
                let source = input + y * width
                for x in 0..<width { stuffed[padBefore + x * up] = source[x] }
                let target = rowPass + y * outWidth, padded = UnsafePointer(stuffed)
                if f.count == 4 {
                    Self.weightedSum(into: target, count: outWidth,
                                     (padded, f[0]), (padded + 1, f[1]), (padded + 2, f[2]), (padded + 3, f[3]))
                } else {
                    Self.weightedSum(into: target, count: outWidth, (0..<f.count).map { (padded + $0, f[$0]) })
                }
            }
            // Vertical, whole rows at a time: row y gathers stuffed rows y + t - padBefore.
            var rows: [WeightedRow] = []
            rows.reserveCapacity(f.count)
            for y in 0..<outHeight {
                let target = output + y * outWidth
                rows.removeAll(keepingCapacity: true)
                for t in 0..<f.count {
                    guard let row = inputIndex(output: y, tap: t, inputLength: height) else { continue }
                    rows.append((UnsafePointer(rowPass + row * outWidth), f[t]))
                }
                switch rows.count {
                case 4: Self.weightedSum(into: target, count: outWidth, rows[0], rows[1], rows[2], rows[3])
                case 2: Self.weightedSum(into: target, count: outWidth, rows[0], rows[1])
                default: Self.weightedSum(into: target, count: outWidth, rows)
                }
            }
        }
    }

    typealias WeightedRow = (values: UnsafePointer<Float>, weight: Float)

    /// target[x] = sum over the rows, in order, of weight * values[x], starting from zero.
    static func weightedSum(into target: UnsafeMutablePointer<Float>, count: Int, _ rows: [WeightedRow]) {
        target.update(repeating: 0, count: count)
        for row in rows {
            for x in 0..<count { target[x] += row.weight * row.values[x] }
        }
    }

    @inline(__always)
    static func weightedSum(into target: UnsafeMutablePointer<Float>, count: Int, _ a: WeightedRow, _ b: WeightedRow) {
        for x in 0..<count { target[x] = (0 + a.weight * a.values[x]) + b.weight * b.values[x] }
    }

    @inline(__always)
    static func weightedSum(into target: UnsafeMutablePointer<Float>, count: Int,
                            _ a: WeightedRow, _ b: WeightedRow, _ c: WeightedRow, _ d: WeightedRow) {
        for x in 0..<count {
            target[x] = (((0 + a.weight * a.values[x]) + b.weight * b.values[x]) + c.weight * c.values[x]) + d.weight * d.values[x]
        }
    }
}

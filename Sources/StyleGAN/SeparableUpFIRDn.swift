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
    /// Each output value is one `weightedRowSum` pass over its taps in tap order from zero, so it
    /// stays in registers instead of being read and written once per tap.
    func apply(_ input: UnsafePointer<Float>, height: Int, width: Int,
               into output: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
        let outWidth = outputLength(width), outHeight = outputLength(height)
        let rowPass = scratch, stuffed = scratch + height * outWidth
        let stuffedCount = width * up + padBefore + padAfter
        let tapCount = taps.count
        // Per output row of the vertical pass, the rows its taps read and their weights (up to all taps).
        var rows = [Int](repeating: 0, count: tapCount), weights = [Float](repeating: 0, count: tapCount)
        taps.withUnsafeBufferPointer { f in
            rows.withUnsafeMutableBufferPointer { rows in
                weights.withUnsafeMutableBufferPointer { weights in
                    // Horizontal: each row zero-stuffed and padded, then out[x] = sum_t f[t] * stuffed[x + t].
                    for t in 0..<tapCount { rows[t] = t }
                    stuffed.update(repeating: 0, count: stuffedCount)
                    for y in 0..<height {
                        let source = input + y * width
                        for x in 0..<width { stuffed[padBefore + x * up] = source[x] }
                        weightedRowSum(base: stuffed, stride: 1, rows: rows.baseAddress!, coefficients: f.baseAddress!,
                                       terms: tapCount, width: outWidth, into: rowPass + y * outWidth)
                    }
                    // Vertical, whole rows at a time: row y gathers stuffed rows y + t - padBefore.
                    for y in 0..<outHeight {
                        var terms = 0
                        for t in 0..<tapCount {
                            guard let row = inputIndex(output: y, tap: t, inputLength: height) else { continue }
                            rows[terms] = row
                            weights[terms] = f[t]
                            terms += 1
                        }
                        weightedRowSum(base: rowPass, stride: outWidth, rows: rows.baseAddress!,
                                       coefficients: weights.baseAddress!, terms: terms, width: outWidth,
                                       into: output + y * outWidth)
                    }
                }
            }
        }
    }
}

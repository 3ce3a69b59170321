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

    /// Filters one channel `[height, width]` into `output` `[outputLength(height), outputLength(width)]`,
    /// using `rowPass` (`height * outputLength(width)` floats) for the horizontal result.
    func apply(_ input: UnsafePointer<Float>, height: Int, width: Int,
               into output: UnsafeMutablePointer<Float>, rowPass: UnsafeMutablePointer<Float>) {
        let outWidth = outputLength(width), outHeight = outputLength(height)
        let tapCount = taps.count
        taps.withUnsafeBufferPointer { f in
            // Horizontal: out[x] = sum_t f[t] * stuffed[x + t - padBefore].
            for y in 0..<height {
                let source = input + y * width
                let target = rowPass + y * outWidth
                for x in 0..<outWidth {
                    var sum: Float = 0
                    for t in 0..<tapCount {
                        let m = x + t - padBefore
                        if m >= 0, m % up == 0, m / up < width { sum += f[t] * source[m / up] }
                    }
                    target[x] = sum
                }
            }
            // Vertical, whole rows at a time so the inner loop runs along memory.
            for y in 0..<outHeight {
                let target = output + y * outWidth
                target.update(repeating: 0, count: outWidth)
                for t in 0..<tapCount {
                    let m = y + t - padBefore
                    guard m >= 0, m % up == 0, m / up < height else { continue }
                    let source = rowPass + (m / up) * outWidth
                    let weight = f[t]
                    for x in 0..<outWidth { target[x] += weight * source[x] }
                }
            }
        }
    }
}

/// The horizontal half of `StyleGAN3FilteredLeakyReLU`, one row at a time: upsample the row by
/// `up` with the up filter, apply the activation, then filter with the down filter and keep
/// every `down`-th sample. The upsampled row stays in L1 instead of passing through a whole
/// transposed plane.
///
/// The upsampled row is held as its `up` phases (sample `up * q + p` at `phases[p][q]`): the
/// upsampling computes each phase as one weighted sum of shifted runs of the input row (the
/// zeros upsampling inserts are never multiplied), and when `down` divides `up` every tap of
/// the downsampling reads a contiguous run of one phase too, so both passes vectorise along
/// the row. Every output is the sum `StyleGAN3Resampler` forms, over the same terms in the
/// same order; the zeros padded around the row and after each phase stand in for the terms
/// the resampler leaves out at the edges (adding them changes no bit), so results equal the
/// transposed passes exactly.
struct StyleGAN3RowFilter: Sendable {
    /// Lane `x < count` of the result is the sum over t of `coefficients[t] * source[offsets[t] + x]`.
    struct ShiftedSum: Sendable {
        let offsets: [Int]
        let coefficients: [Float]
        let count: Int

        @inline(__always)
        func evaluate(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>) {
            offsets.withUnsafeBufferPointer { offsets in
                coefficients.withUnsafeBufferPointer { coefficients in
                    weightedRowSum(base: source, stride: 1, rows: offsets.baseAddress!,
                                   coefficients: coefficients.baseAddress!, terms: coefficients.count,
                                   width: count, into: destination)
                }
            }
        }
    }

    let inputCount: Int
    let outputCount: Int
    /// Zeros in front of the input in the padded input row.
    let leftPadding: Int
    let paddedInputCount: Int
    /// Phase p of the upsampled row, read from the padded input row.
    let upPhases: [ShiftedSum]
    /// Floats per phase: room for every sample the downsampling reads, zeros past the row's end.
    let phaseStride: Int
    /// Outputs r, r + R, r + 2R, ... (R = up / down), read from the phases.
    let downPhases: [ShiftedSum]
    let activation: StyleGAN3Activation

    /// Nil when `down` does not divide `up` (rates that fall from one layer to the next, which
    /// no NVlabs configuration builds): the downsampling would then read strided samples.
    /// Filters and gains as `StyleGAN3Resampler` takes them; the downsampling has no padding.
    init?(inputCount: Int, up: Int, down: Int, padLow: Int, padHigh: Int, upFilter: [Float], upGain: Float,
          downFilter: [Float], activation: StyleGAN3Activation) {
        guard up % down == 0 else { return nil }
        let upTaps = upFilter.count, downTaps = downFilter.count
        let upCount = max(0, inputCount * up + padLow + padHigh - (upTaps - 1))
        outputCount = max(0, (upCount - (downTaps - 1) + down - 1) / down)
        self.inputCount = inputCount
        self.activation = activation

        // Output o = up * q + p reads inputs first(p) + q + t, t = 0, 1, ..., with the taps that
        // `StyleGAN3Resampler` gives it (k = input * up + padLow - o indexes the flipped filter).
        var phases: [(first: Int, coefficients: [Float], count: Int)] = []
        for p in 0..<up {
            let first = ceilDivide(p - padLow, up)
            var coefficients: [Float] = []
            var k = first * up + padLow - p
            while k < upTaps {
                coefficients.append(upFilter[upTaps - 1 - k] * upGain)
                k += up
            }
            phases.append((first, coefficients, p < upCount ? (upCount - p + up - 1) / up : 0))
        }
        let padding = max(0, -(phases.map(\.first).min() ?? 0))
        let lastRead = phases.map { $0.first + $0.count + $0.coefficients.count - 2 }.max() ?? 0
        leftPadding = padding
        paddedInputCount = padding + max(inputCount, lastRead + 1)
        upPhases = phases.map { phase in
            ShiftedSum(offsets: (0..<phase.coefficients.count).map { padding + phase.first + $0 },
                       coefficients: phase.coefficients, count: phase.count)
        }

        // Output j = R * m + r reads upsampled samples down * j + k = up * m + (down * r + k).
        let ratio = up / down
        var downSums: [ShiftedSum] = []
        var stride = phases.map(\.count).max() ?? 0
        for r in 0..<ratio {
            let count = r < outputCount ? (outputCount - r + ratio - 1) / ratio : 0
            let samples = (0..<downTaps).map { down * r + $0 }
            stride = max(stride, count + (samples.last ?? 0) / up)
            downSums.append(ShiftedSum(offsets: samples, coefficients: downFilter.reversed(), count: count))
        }
        phaseStride = stride
        downPhases = downSums.map { sum in
            ShiftedSum(offsets: sum.offsets.map { ($0 % up) * stride + $0 / up },
                       coefficients: sum.coefficients, count: sum.count)
        }
    }

    /// Floats of scratch `apply` uses: the padded input row, the phases and, when there are
    /// several output phases, their outputs before interleaving.
    var scratchCount: Int {
        paddedInputCount + upPhases.count * phaseStride + (downPhases.count > 1 ? downPhases.count * splitStride : 0)
    }

    /// Floats per output phase before interleaving (phase 0 is the longest).
    private var splitStride: Int { downPhases.first?.count ?? 0 }

    /// Zeroes fresh scratch once: `apply` only writes the parts that are not padding.
    func prepare(scratch: UnsafeMutablePointer<Float>) {
        scratch.update(repeating: 0, count: scratchCount)
    }

    /// Where the caller writes the `inputCount` samples of the row before each `apply`.
    func inputRow(in scratch: UnsafeMutablePointer<Float>) -> UnsafeMutablePointer<Float> {
        scratch + leftPadding
    }

    /// Filters the row in `inputRow(in: scratch)` into `outputCount` floats at `output`.
    func apply(scratch: UnsafeMutablePointer<Float>, into output: UnsafeMutablePointer<Float>) {
        let phases = scratch + paddedInputCount
        for (p, sum) in upPhases.enumerated() {
            let phase = phases + p * phaseStride
            sum.evaluate(scratch, into: phase)
            activation.apply(phase, count: sum.count)
        }
        guard downPhases.count > 1 else {
            downPhases.first?.evaluate(phases, into: output)
            return
        }
        let split = phases + upPhases.count * phaseStride
        let ratio = downPhases.count
        for (r, sum) in downPhases.enumerated() {
            let part = split + r * splitStride
            sum.evaluate(phases, into: part)
            for m in 0..<sum.count { output[m * ratio + r] = part[m] }
        }
    }
}

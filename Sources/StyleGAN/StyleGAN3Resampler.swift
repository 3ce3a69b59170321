/// One axis of NVlabs `upfirdn2d` (insert `up - 1` zeros after each sample, pad, convolve with
/// a FIR filter, keep every `down`-th sample) precomputed as a banded matrix in polyphase form:
/// output `o` is the dot product of `weights[o]` with the consecutive inputs starting at
/// `firstInput[o]`. The zeros that upsampling inserts never enter a multiply, so an up-by-2
/// 12-tap filter costs 6 multiply-adds per output, not 12.
struct StyleGAN3Resampler: Sendable {
    let inputCount: Int
    let outputCount: Int
    let firstInput: [Int]
    let tapCount: [Int]
    let weightOffset: [Int]
    let weights: [Float]
    /// 0, 1, 2, ...: the taps of an output read consecutive input rows.
    private let consecutiveRows: [Int]

    /// - Parameters:
    ///   - filter: the FIR taps (`[1]` for identity); applied as a true convolution (flipped),
    ///     as `upfirdn2d` does with `flip_filter=False`.
    ///   - gain: multiplies every tap (per-axis share of upfirdn2d's `gain`).
    init(inputCount: Int, up: Int, down: Int, padLow: Int, padHigh: Int, filter: [Float], gain: Float) {
        let taps = filter.count
        let convolvedCount = inputCount * up + padLow + padHigh - (taps - 1)
        outputCount = max(0, (convolvedCount + down - 1) / down)
        self.inputCount = inputCount
        var firstInput = [Int](repeating: 0, count: outputCount)
        var tapCount = [Int](repeating: 0, count: outputCount)
        var weightOffset = [Int](repeating: 0, count: outputCount)
        var weights: [Float] = []
        for output in 0..<outputCount {
            // Convolution output q reads padded samples q ... q + taps - 1 with flipped taps;
            // padded sample j holds input i when j - padLow == i * up.
            let q = output * down
            let low = max(0, ceilDivide(q - padLow, up))
            let high = min(inputCount - 1, floorDivide(q - padLow + taps - 1, up))
            firstInput[output] = low
            weightOffset[output] = weights.count
            if high >= low {
                tapCount[output] = high - low + 1
                for input in low...high {
                    let k = input * up + padLow - q
                    weights.append(filter[taps - 1 - k] * gain)
                }
            }
        }
        self.firstInput = firstInput
        self.tapCount = tapCount
        self.weightOffset = weightOffset
        self.weights = weights
        consecutiveRows = Array(0..<(tapCount.max() ?? 0))
    }

    /// Resamples along the slow axis of a `rows x width` plane with row stride `inputStride`:
    /// each output row is a weighted sum of whole input rows, which vectorises along the row.
    /// `activation`, if given, is applied to each output row while it is still in cache.
    func resampleRows(_ input: UnsafePointer<Float>, inputStride: Int, width: Int,
                      into output: UnsafeMutablePointer<Float>, outputStride: Int,
                      activation: StyleGAN3Activation? = nil) {
        for o in 0..<outputCount {
            resampleRow(o, input, inputStride: inputStride, width: width, into: output + o * outputStride)
            activation?.apply(output + o * outputStride, count: width)
        }
    }

    /// Output row `o` of `resampleRows` alone, for passes that consume each row as it is made.
    @inline(__always)
    func resampleRow(_ o: Int, _ input: UnsafePointer<Float>, inputStride: Int, width: Int,
                     into output: UnsafeMutablePointer<Float>) {
        weights.withUnsafeBufferPointer { w in
            consecutiveRows.withUnsafeBufferPointer { rows in
                weightedRowSum(base: input + firstInput[o] * inputStride, stride: inputStride,
                               rows: rows.baseAddress!, coefficients: w.baseAddress! + weightOffset[o],
                               terms: tapCount[o], width: width, into: output)
            }
        }
    }
}

/// Integer division rounding toward positive infinity.
func ceilDivide(_ a: Int, _ b: Int) -> Int {
    -floorDivide(-a, b)
}

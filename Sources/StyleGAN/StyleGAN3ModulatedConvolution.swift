import BLAS

/// NVlabs StyleGAN3 `modulated_conv2d` for one image: the weights are modulated by the styles
/// (and demodulated, except for ToRGB) once, then the convolution runs as one GEMM per kernel
/// tap through OpenBLAS, accumulating into the same output.
///
/// The taps need no im2col copy: the input is zero-padded into planes of width `paddedWidth`
/// and every output row is computed over that full width, so tap (ky, kx) is the whole
/// input plane shifted by `ky * paddedWidth + kx` floats, a plain strided matrix. The
/// `kernel - 1` extra columns per output row are discarded by the reader.
struct StyleGAN3ModulatedConvolution: Sendable {
    let outChannels: Int
    let inChannels: Int
    let kernel: Int
    let demodulate: Bool
    /// Weights laid out `[tap][out][in]`, pre-normalised per output channel when demodulating.
    private let tapWeights: [Float]
    /// `sum over taps of weight^2`, `[out][in]`, so demodulation is one matrix-vector product.
    private let squaredTapSums: [Float]

    /// `weight` is the stored `[out, in, kernel, kernel]` tensor.
    init(weight: Tensor, demodulate: Bool) {
        let (o, i, k) = (weight.shape[0], weight.shape[1], weight.shape[2])
        outChannels = o
        inChannels = i
        kernel = k
        self.demodulate = demodulate
        let taps = k * k
        var tapWeights = [Float](repeating: 0, count: taps * o * i)
        var squaredTapSums = [Float](repeating: 0, count: o * i)
        for out in 0..<o {
            let filter = weight.data[(out * i * taps)..<((out + 1) * i * taps)]
            // Pre-normalisation `w * rsqrt(mean(w^2))` as NVlabs does it (keeps the 1e-8 in
            // the demodulation at the same relative size).
            var scale: Float = 1
            if demodulate {
                var sum: Float = 0
                for v in filter { sum += v * v }
                scale = 1 / (sum / Float(i * taps)).squareRoot()
            }
            for input in 0..<i {
                var squares: Float = 0
                for tap in 0..<taps {
                    let v = filter[filter.startIndex + input * taps + tap] * scale
                    tapWeights[(tap * o + out) * i + input] = v
                    squares += v * v
                }
                squaredTapSums[out * i + input] = squares
            }
        }
        self.tapWeights = tapWeights
        self.squaredTapSums = squaredTapSums
    }

    /// Writes this image's `[tap][out][in]` weights for `styles` (one per input channel).
    func modulatedWeights(styles: [Float], inputGain: Float, into destination: UnsafeMutablePointer<Float>) {
        var styles = styles
        var outScale = [Float](repeating: inputGain, count: outChannels)
        if demodulate {
            var sum: Float = 0
            for s in styles { sum += s * s }
            let norm = 1 / (sum / Float(inChannels)).squareRoot()
            for index in styles.indices { styles[index] *= norm }
            // dcoefs = rsqrt(sum_i s_i^2 * sum_taps w^2 + 1e-8)
            let squaredStyles = styles.map { $0 * $0 }
            var energy = [Float](repeating: 0, count: outChannels)
            squaredTapSums.withUnsafeBufferPointer { a in
                sgemv(m: outChannels, n: inChannels, a: a.baseAddress!, lda: inChannels,
                      x: squaredStyles, y: &energy)
            }
            for out in 0..<outChannels { outScale[out] = inputGain / (energy[out] + 1e-8).squareRoot() }
        }
        tapWeights.withUnsafeBufferPointer { weights in
            for tap in 0..<(kernel * kernel) {
                for out in 0..<outChannels {
                    let row = (tap * outChannels + out) * inChannels
                    let scale = outScale[out]
                    for input in 0..<inChannels {
                        destination[row + input] = weights[row + input] * styles[input] * scale
                    }
                }
            }
        }
    }

    /// The padded-input geometry for an `height x width` input: planes of `paddedHeight` rows of
    /// `paddedWidth`, `planeStride` apart (a few spare zeros so the last tap stays in its plane).
    struct PaddedLayout {
        let padding: Int
        let paddedWidth: Int
        let paddedHeight: Int
        let planeStride: Int
        let outHeight: Int
        let outWidth: Int
    }

    func layout(height: Int, width: Int) -> PaddedLayout {
        let padding = kernel - 1
        return PaddedLayout(padding: padding, paddedWidth: width + 2 * padding,
                            paddedHeight: height + 2 * padding,
                            planeStride: (height + 2 * padding) * (width + 2 * padding) + padding,
                            outHeight: height + padding, outWidth: width + padding)
    }

    /// Copies dense `[in, height, width]` into the zero-padded layout.
    func pad(_ input: UnsafePointer<Float>, height: Int, width: Int, layout: PaddedLayout,
             into padded: UnsafeMutablePointer<Float>) {
        padded.update(repeating: 0, count: inChannels * layout.planeStride)
        for channel in 0..<inChannels {
            for y in 0..<height {
                let source = input + (channel * height + y) * width
                let destination = padded + channel * layout.planeStride
                    + (y + layout.padding) * layout.paddedWidth + layout.padding
                destination.update(from: source, count: width)
            }
        }
    }

    /// Convolves the padded input with modulated weights. Output: `[out]` planes of
    /// `outHeight` rows of `paddedWidth` floats (first `outWidth` valid), planes dense.
    func convolve(padded: UnsafePointer<Float>, layout: PaddedLayout, weights: UnsafePointer<Float>,
                  output: UnsafeMutablePointer<Float>) {
        let columns = layout.outHeight * layout.paddedWidth
        for ky in 0..<kernel {
            for kx in 0..<kernel {
                let tap = ky * kernel + kx
                sgemm(m: outChannels, n: columns, k: inChannels,
                      a: weights + tap * outChannels * inChannels, lda: inChannels,
                      b: padded + ky * layout.paddedWidth + kx, ldb: layout.planeStride,
                      beta: tap == 0 ? 0 : 1,
                      c: output, ldc: columns)
            }
        }
    }
}

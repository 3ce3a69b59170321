import BLAS
import Foundation
import StyleCastIO

/// NVlabs StyleGAN3 `modulated_conv2d` for one image: the weights are modulated by the styles
/// (and demodulated, except for ToRGB) once, then the convolution runs as GEMMs through
/// OpenBLAS: 3x3 kernels by Winograd F(4x4, 3x3) (`Winograd`, the kernel StyleGAN2 uses), other sizes directly
/// with one GEMM per kernel tap.
///
/// Only the tap-major kernel weights are kept (the layout the reverse mode and StyleGAN2 use);
/// the Winograd weights (4x larger) are built per image from the modulated taps into the
/// caller's scratch, so a model holds its conv weights once.
///
/// The direct taps need no im2col copy: the input is zero-padded into planes of width
/// `paddedWidth` and every output row is computed over that full width, so tap (ky, kx) is the
/// whole input plane shifted by `ky * paddedWidth + kx` floats, a plain strided matrix. The
/// `kernel - 1` extra columns per output row are discarded by the reader.
struct StyleGAN3ModulatedConvolution: Sendable {
    let outChannels: Int
    let inChannels: Int
    let kernel: Int
    let demodulate: Bool
    /// Whether the convolution runs by Winograd F(4x4, 3x3) (3x3 kernels) rather than by taps.
    let usesWinograd: Bool
    /// Weight matrices `[tap][out][in]`, pre-normalised per output channel when demodulating.
    let tapWeights: [Float]
    var taps: Int { kernel * kernel }
    var pairs: Int { outChannels * inChannels }
    /// `sum over taps of weight^2`, `[out][in]`, so demodulation is one matrix-vector product.
    let squaredTapSums: [Float]

    /// `weight` is the stored `[out, in, kernel, kernel]` tensor.
    init(weight: Tensor, demodulate: Bool, winograd: Bool = true) {
        let (o, i, k) = (weight.shape[0], weight.shape[1], weight.shape[2])
        outChannels = o
        inChannels = i
        kernel = k
        self.demodulate = demodulate
        usesWinograd = k == 3 && winograd
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
                let start = filter.startIndex + input * taps
                var energy: Float = 0
                for tap in 0..<taps {
                    let value = filter[start + tap] * scale
                    energy += value * value
                    tapWeights[(tap * o + out) * i + input] = value
                }
                squaredTapSums[out * i + input] = energy
            }
        }
        self.tapWeights = tapWeights
        self.squaredTapSums = squaredTapSums
    }

    /// Floats `modulatedWeights` writes: the Winograd weights `[36][out][in]` followed by the
    /// modulated taps they are built from, or the modulated taps alone.
    var weightCount: Int { (usesWinograd ? Winograd.positions * pairs : 0) + taps * pairs }

    /// Writes this image's weights for `convolve`, given `styles` (one per input channel): the
    /// modulated taps, and for Winograd their transform in front of them.
    func modulatedWeights(styles: [Float], inputGain: Float, into destination: UnsafeMutablePointer<Float>) {
        guard usesWinograd else {
            modulatedTapWeights(styles: styles, inputGain: inputGain, into: destination)
            return
        }
        let modulatedTaps = destination + Winograd.positions * pairs
        modulatedTapWeights(styles: styles, inputGain: inputGain, into: modulatedTaps)
        // Modulation scales whole (out, in) kernels, so it commutes with the transform.
        Winograd.transformWeights(taps: modulatedTaps, pairs: pairs, into: destination,
                                  workers: availableCores)
    }

    /// Writes this image's `[tap][out][in]` modulated (and demodulated) weights.
    func modulatedTapWeights(styles: [Float], inputGain: Float, into destination: UnsafeMutablePointer<Float>) {
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
            for tap in 0..<taps {
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

    /// Where the padded input and the output live for an `height x width` input.
    struct Layout {
        /// The dense input's size.
        let height: Int
        let width: Int
        let padding: Int
        let paddedWidth: Int
        let paddedHeight: Int
        /// Floats between padded input planes (a few spare zeros so the last direct tap
        /// stays in its plane).
        let planeStride: Int
        /// Valid output size, `height + kernel - 1` square.
        let outHeight: Int
        let outWidth: Int
        let outputRowStride: Int
        let outputPlaneStride: Int
        /// For Winograd: the square size the padded input and the output planes share.
        let winogradSize: Int?
    }

    /// The Winograd path pads by one into an `n x n` plane, n the output size rounded up to
    /// the 4x4 tile: a padding-1 ("same") convolution of that plane is the padding-2
    /// convolution StyleGAN3 needs, plus rows and columns past the valid output that the
    /// reader skips.
    func layout(height: Int, width: Int) -> Layout {
        guard usesWinograd else { return tapLayout(height: height, width: width) }
        let tile = Winograd.outputTile
        let size = (max(height, width) + 2 + tile - 1) / tile * tile
        return Layout(height: height, width: width, padding: 1, paddedWidth: size, paddedHeight: size, planeStride: size * size,
                      outHeight: height + 2, outWidth: width + 2,
                      outputRowStride: size, outputPlaneStride: size * size, winogradSize: size)
    }

    /// The layout of the direct per-tap path, which the reverse mode uses for every kernel size.
    func tapLayout(height: Int, width: Int) -> Layout {
        let padding = kernel - 1
        let paddedWidth = width + 2 * padding
        let outHeight = height + padding
        return Layout(height: height, width: width, padding: padding, paddedWidth: paddedWidth, paddedHeight: height + 2 * padding,
                      planeStride: (height + 2 * padding) * paddedWidth + padding,
                      outHeight: outHeight, outWidth: width + padding,
                      outputRowStride: paddedWidth, outputPlaneStride: outHeight * paddedWidth, winogradSize: nil)
    }

    /// The least floats of Winograd scratch (transformed tiles and products together) for
    /// `layout`: two bands of about 16 MiB (large GEMMs, scratch near the last-level cache), at
    /// least one tile row each. `convolve` makes its bands as tall as the scratch it is given
    /// allows, so layers with room to spare in the workspace run in fewer of them.
    func winogradScratchCount(_ layout: Layout) -> Int {
        guard let size = layout.winogradSize else { return 0 }
        let oneTileRow = Winograd.positions * max(inChannels, outChannels) * (size / Winograd.outputTile)
        return 2 * max(oneTileRow, (16 << 20) / MemoryLayout<Float>.size) + Self.productsAlignment
    }

    /// Floats of Winograd scratch for bands of a single tile row, the least `convolve` runs in.
    func oneTileRowScratchCount(_ layout: Layout) -> Int {
        guard let size = layout.winogradSize else { return 0 }
        return Winograd.positions * (inChannels + outChannels) * (size / Winograd.outputTile) + Self.productsAlignment
    }

    /// Floats the products' start is rounded up to (64 bytes, one cache line).
    private static let productsAlignment = 16

    /// Whether `convolve` reads a padded copy of the input (`pad`) rather than the dense input:
    /// only the tap path with padding does. Winograd places the dense planes itself, and
    /// unpadded (1x1) taps read the dense layout as it is.
    var needsPaddedCopy: Bool { !usesWinograd && kernel > 1 }

    /// Copies dense `[in, height, width]` into the zero-padded layout.
    /// Only the border is zeroed; the interior is overwritten.
    func pad(_ input: UnsafePointer<Float>, height: Int, width: Int, layout: Layout,
             into padded: UnsafeMutablePointer<Float>) {
        let top = layout.padding * layout.paddedWidth + layout.padding
        let gap = layout.paddedWidth - width
        for channel in 0..<inChannels {
            let plane = padded + channel * layout.planeStride
            plane.update(repeating: 0, count: top)
            for y in 0..<height {
                let destination = plane + top + y * layout.paddedWidth
                destination.update(from: input + (channel * height + y) * width, count: width)
                // The right border of this row and the left border of the next.
                (destination + width).update(repeating: 0, count: gap)
            }
            let end = top + height * layout.paddedWidth
            (plane + end).update(repeating: 0, count: layout.planeStride - end)
        }
    }

    /// Convolves the input with modulated weights into `[out]` planes of `outputPlaneStride`
    /// floats, rows `outputRowStride` apart (the first `outWidth` valid). `input` is the padded
    /// copy when `needsPaddedCopy`, else the dense `[in, height, width]` input. The Winograd path
    /// works in `scratchCount` floats of `scratch` (`winogradScratchCount(layout)` or more for
    /// speed, `oneTileRowScratchCount(layout)` at least): the tiles of as many tile rows as fit,
    /// their products behind them.
    func convolve(input: UnsafePointer<Float>, layout: Layout, weights: UnsafePointer<Float>,
                  scratch: UnsafeMutablePointer<Float>, scratchCount: Int,
                  output: UnsafeMutablePointer<Float>) {
        if let size = layout.winogradSize {
            precondition(scratchCount >= oneTileRowScratchCount(layout), "Winograd scratch too small")
            let tilesX = size / Winograd.outputTile
            let bandRows = min(size / Winograd.outputTile, (scratchCount - Self.productsAlignment)
                               / (Winograd.positions * (inChannels + outChannels) * tilesX))
            let tileCount = Winograd.positions * inChannels * tilesX * bandRows
            let productsOffset = (tileCount + Self.productsAlignment - 1) / Self.productsAlignment * Self.productsAlignment
            let workers = availableCores
            let rows = UnsafeMutablePointer<Float>.allocate(capacity: workers * Winograd.rowScratch(width: size))
            defer { rows.deallocate() }
            Winograd.convolve(input: input, inChannels: inChannels, height: size, width: size,
                              inset: Winograd.Inset(rows: layout.height, columns: layout.width, offset: layout.padding),
                              inputScale: [Float](repeating: 1, count: inChannels),
                              u: weights, outChannels: outChannels, output: output,
                              tiles: scratch, products: scratch + productsOffset,
                              tileCapacity: tileCount, productCapacity: scratchCount - productsOffset,
                              rows: rows, workers: workers)
            return
        }
        let columns = layout.outHeight * layout.paddedWidth
        for ky in 0..<kernel {
            for kx in 0..<kernel {
                let tap = ky * kernel + kx
                ParallelGEMM.sgemmBlocks(m: outChannels, n: columns, k: inChannels,
                                         a: weights + tap * outChannels * inChannels, lda: inChannels,
                                         b: input + ky * layout.paddedWidth + kx, ldb: layout.planeStride,
                                         accumulate: tap != 0, c: output, ldc: columns)
            }
        }
    }
}

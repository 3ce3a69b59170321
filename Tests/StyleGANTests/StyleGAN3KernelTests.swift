import Randomness
import XCTest
@testable import StyleGAN

/// The building blocks against straightforward reference computations.
final class StyleGAN3KernelTests: XCTestCase {
    /// Polyphase tables against literal upfirdn: insert zeros, pad (or crop), convolve with the
    /// flipped filter, keep every down-th sample. An asymmetric filter catches a missing flip.
    func testResamplerMatchesLiteralUpFirDown() {
        var random = SplitMix64(state: 11)
        let input = (0..<13).map { _ in random.normal() }
        let filter: [Float] = [0.1, -0.3, 0.7, 0.25, 0.05, -0.2, 0.4]
        for (up, down, padLow, padHigh) in [(2, 1, 4, 3), (1, 2, 0, 0), (4, 1, -3, 5), (2, 2, 1, -2), (1, 1, 0, 0)] {
            let resampler = StyleGAN3Resampler(inputCount: input.count, up: up, down: down,
                                               padLow: padLow, padHigh: padHigh, filter: filter, gain: 1.5)
            let expected = literalUpFirDown(input, up: up, down: down, padLow: padLow, padHigh: padHigh,
                                            filter: filter, gain: 1.5)
            var output = [Float](repeating: .nan, count: resampler.outputCount)
            input.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer { destination in
                    resampler.resampleRows(source.baseAddress!, inputStride: 1, width: 1,
                                           into: destination.baseAddress!, outputStride: 1)
                }
            }
            XCTAssertEqual(output.count, expected.count, "up \(up) down \(down) pad \(padLow),\(padHigh)")
            for (ours, reference) in zip(output, expected) {
                XCTAssertEqual(ours, reference, accuracy: 1e-5, "up \(up) down \(down) pad \(padLow),\(padHigh)")
            }
        }
    }

    /// Winograd F(4x4) (weights transformed per image from the modulated taps) against the
    /// direct per-tap GEMM path, demodulated, on a size that is not a multiple of the tile.
    func testWinogradMatchesDirectConvolution() {
        var random = SplitMix64(state: 12)
        let (outChannels, inChannels, size) = (5, 7, 11)
        let weight = Tensor(shape: [outChannels, inChannels, 3, 3],
                            data: (0..<(outChannels * inChannels * 9)).map { _ in random.normal() })
        let styles = (0..<inChannels).map { _ in random.normal() }
        let input = (0..<(inChannels * size * size)).map { _ in random.normal() }
        let direct = convolve(StyleGAN3ModulatedConvolution(weight: weight, demodulate: true, winograd: false),
                              input: input, size: size, styles: styles)
        do {
            let convolution = StyleGAN3ModulatedConvolution(weight: weight, demodulate: true)
            XCTAssertTrue(convolution.usesWinograd)
            let fast = convolve(convolution, input: input, size: size, styles: styles)
            XCTAssertEqual(fast.count, direct.count)
            let scale = direct.map(abs).max() ?? 0
            XCTAssertGreaterThan(scale, 0)
            for (a, b) in zip(fast, direct) { XCTAssertEqual(a, b, accuracy: 1e-5 * scale, "Winograd") }
        }
    }

    /// Winograd bands of one tile row, of a few rows (the tiles and products split unevenly, as
    /// Cin != Cout), and the whole plane in one band give the very same output: every element
    /// is the same dot product whichever band holds it.
    func testWinogradBandHeightLeavesOutputUnchanged() {
        var random = SplitMix64(state: 13)
        let (outChannels, inChannels, size) = (6, 11, 21)
        let weight = Tensor(shape: [outChannels, inChannels, 3, 3],
                            data: (0..<(outChannels * inChannels * 9)).map { _ in random.normal() })
        let styles = (0..<inChannels).map { _ in random.normal() }
        let input = (0..<(inChannels * size * size)).map { _ in random.normal() }
        let convolution = StyleGAN3ModulatedConvolution(weight: weight, demodulate: true)
        let layout = convolution.layout(height: size, width: size)
        let oneRow = convolution.oneTileRowScratchCount(layout)
        let whole = convolve(convolution, input: input, size: size, styles: styles)
        for scratchCount in [oneRow, 2 * oneRow + 5, 3 * oneRow] {
            XCTAssertEqual(convolve(convolution, input: input, size: size, styles: styles, scratchCount: scratchCount),
                           whole, "scratch \(scratchCount)")
        }
    }

    /// The whole filtered leaky ReLU against a literal 2-D evaluation of NVlabs' reference
    /// (bias, zero insertion, pad, convolve, activate, convolve, subsample), with asymmetric
    /// filters so a transposed or unflipped filter would show.
    func testFilteredLeakyReLUMatchesLiteralEvaluation() {
        var random = SplitMix64(state: 13)
        let (channels, size, up, down, padLow, padHigh) = (2, 7, 2, 2, 5, 3)
        let upFilter: [Float] = [0.05, 0.2, 0.5, 0.3, -0.1, 0.05]
        let separableDown: [Float] = [0.1, 0.3, 0.4, 0.25, -0.05]
        let radialDown: [Float] = (0..<16).map { (i: Int) -> Float in Float(i % 5) * 0.07 - Float(i / 4) * 0.02 }
        let input: [Float] = (0..<(channels * size * size)).map { _ in 3 * random.normal() }
        let bias: [Float] = [0.3, -0.4]
        for (downFilter, radial) in [(separableDown, false), (radialDown, true)] {
            let filter = StyleGAN3FilteredLeakyReLU(
                channels: channels, inHeight: size, inWidth: size, up: up, down: down,
                padLow: padLow, padHigh: padHigh, upFilter: upFilter, downFilter: downFilter,
                downIsRadial: radial, gain: 1.4, slope: 0.2, clamp: 2.5)
            var planes = input
            var output = [Float](repeating: .nan, count: channels * filter.outHeight * filter.outWidth)
            planes.withUnsafeMutableBufferPointer { source in
                output.withUnsafeMutableBufferPointer { destination in
                    filter.apply(input: source.baseAddress!, inputRowStride: size, inputPlaneStride: size * size,
                                 bias: bias, output: destination.baseAddress!)
                }
            }
            let down2D: [Float] = radial ? downFilter : separableDown.flatMap { a in separableDown.map { a * $0 } }
            let downTaps = radial ? 4 : separableDown.count
            for channel in 0..<channels {
                let planeStart = channel * size * size
                let plane: [Float] = input[planeStart..<(planeStart + size * size)].map { $0 + bias[channel] }
                let upFilter2D: [Float] = upFilter.flatMap { a in upFilter.map { a * $0 * Float(up * up) } }
                let expected = literalFilteredLeakyReLU(
                    plane, size: size, up: up, down: down, padLow: padLow, padHigh: padHigh,
                    upFilter2D: upFilter2D, upTaps: upFilter.count,
                    downFilter2D: down2D, downTaps: downTaps, gain: 1.4, slope: 0.2, clamp: 2.5)
                XCTAssertEqual(expected.count, filter.outHeight * filter.outWidth, "radial \(radial)")
                let ours = Array(output[(channel * expected.count)..<((channel + 1) * expected.count)])
                for (a, b) in zip(ours, expected) { XCTAssertEqual(a, b, accuracy: 1e-4, "radial \(radial)") }
            }
        }
    }

    /// The row-by-row filter against the transposed passes, bit for bit, on the geometries
    /// StyleGAN3 builds (up 2 or 4 then down 2, and ToRGB's identity) and on cropping pads,
    /// with long enough rows that every vector width of the row sums takes part.
    func testRowByRowFilterMatchesTransposedPassesExactly() {
        var random = SplitMix64(state: 14)
        let upFilter: [Float] = (0..<8).map { _ in random.normal() }
        let downFilter: [Float] = (0..<6).map { _ in random.normal() }
        let cases: [(size: Int, up: Int, down: Int, padLow: Int, padHigh: Int, upFilter: [Float], downFilter: [Float])] = [
            (41, 2, 2, 5, 4, upFilter, downFilter),
            (23, 4, 2, 9, 3, upFilter, downFilter),
            (70, 4, 2, -3, 6, upFilter, downFilter),
            (37, 2, 2, -2, -1, upFilter, Array(downFilter.prefix(5))),
            (19, 1, 1, 0, 0, [1], [1]),
        ]
        for geometry in cases {
            let channels = 3
            let rowStride = geometry.size + 3, planeStride = rowStride * (geometry.size + 1)
            let input: [Float] = (0..<(channels * planeStride)).map { _ in 4 * random.normal() }
            let bias: [Float] = (0..<channels).map { _ in random.normal() }
            let filter = StyleGAN3FilteredLeakyReLU(
                channels: channels, inHeight: geometry.size, inWidth: geometry.size, up: geometry.up, down: geometry.down,
                padLow: geometry.padLow, padHigh: geometry.padHigh, upFilter: geometry.upFilter,
                downFilter: geometry.downFilter, downIsRadial: false, gain: 1.4, slope: 0.2, clamp: 2.5)
            guard let rowFilter = filter.rowFilter, case .separable(let rows, _) = filter.downsampling else {
                return XCTFail("\(geometry) should be filtered row by row")
            }
            let count = channels * filter.outHeight * filter.outWidth
            XCTAssertGreaterThan(count, 0)
            var transposed = [Float](repeating: .nan, count: count), byRows = transposed
            var planes = input
            planes.withUnsafeMutableBufferPointer { source in
                transposed.withUnsafeMutableBufferPointer { destination in
                    filter.applyTransposed(input: source.baseAddress!, inputRowStride: rowStride,
                                           inputPlaneStride: planeStride, bias: bias, output: destination.baseAddress!)
                }
            }
            planes = input
            planes.withUnsafeMutableBufferPointer { source in
                byRows.withUnsafeMutableBufferPointer { destination in
                    filter.applyRowByRow(rowFilter, verticalDown: rows, input: source.baseAddress!, inputRowStride: rowStride,
                                         inputPlaneStride: planeStride, bias: bias, output: destination.baseAddress!)
                }
            }
            XCTAssertEqual(byRows.map(\.bitPattern), transposed.map(\.bitPattern), "\(geometry)")
        }
    }

    /// Where `down` does not divide `up`, the row filter would read strided samples: the
    /// transposed passes run instead, still matching the literal evaluation.
    func testStridedDownsamplingFallsBackToTransposedPasses() {
        var random = SplitMix64(state: 15)
        let (size, up, down, padLow, padHigh) = (11, 2, 4, 3, 2)
        let upFilter: [Float] = [0.05, 0.2, 0.5, 0.3, -0.1, 0.05]
        let downFilter: [Float] = [0.1, 0.3, 0.4, 0.25, -0.05]
        let filter = StyleGAN3FilteredLeakyReLU(
            channels: 1, inHeight: size, inWidth: size, up: up, down: down, padLow: padLow, padHigh: padHigh,
            upFilter: upFilter, downFilter: downFilter, downIsRadial: false, gain: 1.4, slope: 0.2, clamp: 2.5)
        XCTAssertNil(filter.rowFilter)
        let input: [Float] = (0..<(size * size)).map { _ in 3 * random.normal() }
        var planes = input
        var output = [Float](repeating: .nan, count: filter.outHeight * filter.outWidth)
        planes.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                filter.apply(input: source.baseAddress!, inputRowStride: size, inputPlaneStride: size * size,
                             bias: [0.25], output: destination.baseAddress!)
            }
        }
        let expected = literalFilteredLeakyReLU(
            input.map { $0 + 0.25 }, size: size, up: up, down: down, padLow: padLow, padHigh: padHigh,
            upFilter2D: upFilter.flatMap { a in upFilter.map { a * $0 * Float(up * up) } }, upTaps: upFilter.count,
            downFilter2D: downFilter.flatMap { a in downFilter.map { a * $0 } }, downTaps: downFilter.count,
            gain: 1.4, slope: 0.2, clamp: 2.5)
        XCTAssertEqual(output.count, expected.count)
        for (a, b) in zip(output, expected) { XCTAssertEqual(a, b, accuracy: 1e-4) }
    }

    private func literalFilteredLeakyReLU(_ plane: [Float], size: Int, up: Int, down: Int, padLow: Int, padHigh: Int,
                                          upFilter2D: [Float], upTaps: Int, downFilter2D: [Float], downTaps: Int,
                                          gain: Float, slope: Float, clamp: Float) -> [Float] {
        let padded = size * up + padLow + padHigh
        var z = [Float](repeating: 0, count: padded * padded)
        for y in 0..<size {
            for x in 0..<size { z[(y * up + padLow) * padded + x * up + padLow] = plane[y * size + x] }
        }
        func correlateFlipped(_ image: [Float], size: Int, filter: [Float], taps: Int, step: Int) -> ([Float], Int) {
            let full = size - taps + 1
            let kept = (full + step - 1) / step
            var result = [Float](repeating: 0, count: kept * kept)
            for oy in 0..<kept {
                for ox in 0..<kept {
                    var sum: Float = 0
                    for ky in 0..<taps {
                        for kx in 0..<taps {
                            sum += image[(oy * step + ky) * size + ox * step + kx] * filter[(taps - 1 - ky) * taps + (taps - 1 - kx)]
                        }
                    }
                    result[oy * kept + ox] = sum
                }
            }
            return (result, kept)
        }
        let (upsampled, upSize) = correlateFlipped(z, size: padded, filter: upFilter2D, taps: upTaps, step: 1)
        let activated = upsampled.map { v in min(max((v < 0 ? v * slope : v) * gain, -clamp), clamp) }
        return correlateFlipped(activated, size: upSize, filter: downFilter2D, taps: downTaps, step: down).0
    }

    /// Valid output `[out, size + 2, size + 2]` of one modulated convolution, with `scratchCount`
    /// floats of Winograd scratch (by default what the workspace guarantees).
    private func convolve(_ convolution: StyleGAN3ModulatedConvolution, input: [Float], size: Int,
                          styles: [Float], scratchCount: Int? = nil) -> [Float] {
        let layout = convolution.layout(height: size, width: size)
        let padded = UnsafeMutablePointer<Float>.allocate(capacity: convolution.inChannels * layout.planeStride)
        let weights = UnsafeMutablePointer<Float>.allocate(capacity: convolution.weightCount)
        let scratchCount = scratchCount ?? max(1, convolution.winogradScratchCount(layout))
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: scratchCount)
        let output = UnsafeMutablePointer<Float>.allocate(capacity: convolution.outChannels * layout.outputPlaneStride)
        defer {
            for buffer in [padded, weights, scratch, output] { buffer.deallocate() }
        }
        convolution.modulatedWeights(styles: styles, inputGain: 0.8, into: weights)
        input.withUnsafeBufferPointer { dense in
            // As the layer does: the padded copy only where the convolution reads one.
            var source = dense.baseAddress!
            if convolution.needsPaddedCopy {
                convolution.pad(source, height: size, width: size, layout: layout, into: padded)
                source = UnsafePointer(padded)
            }
            convolution.convolve(input: source, layout: layout, weights: weights, scratch: scratch,
                                 scratchCount: scratchCount, output: output)
        }
        var valid: [Float] = []
        for channel in 0..<convolution.outChannels {
            for y in 0..<layout.outHeight {
                let row = output + channel * layout.outputPlaneStride + y * layout.outputRowStride
                valid += UnsafeBufferPointer(start: row, count: layout.outWidth)
            }
        }
        return valid
    }

    private func literalUpFirDown(_ input: [Float], up: Int, down: Int, padLow: Int, padHigh: Int,
                                  filter: [Float], gain: Float) -> [Float] {
        var upsampled = [Float](repeating: 0, count: input.count * up)
        for (i, v) in input.enumerated() { upsampled[i * up] = v }
        var padded = [Float](repeating: 0, count: max(padLow, 0)) + upsampled + [Float](repeating: 0, count: max(padHigh, 0))
        padded = Array(padded[max(-padLow, 0) ..< padded.count - max(-padHigh, 0)])
        let flipped = Array(filter.reversed())
        var convolved: [Float] = []
        if padded.count >= filter.count {
            for q in 0...(padded.count - filter.count) {
                convolved.append(gain * (0..<filter.count).reduce(Float(0)) { $0 + padded[q + $1] * flipped[$1] })
            }
        }
        return stride(from: 0, to: convolved.count, by: down).map { convolved[$0] }
    }
}

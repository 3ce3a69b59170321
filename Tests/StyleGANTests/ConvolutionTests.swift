import XCTest
@testable import StyleGAN

/// The GEMM-lowered convolutions and separable filters against direct loops written from the
/// NVlabs definitions (conv2d, conv_transpose2d, upfirdn2d with a 2-D filter).
final class ConvolutionTests: XCTestCase {
    func randomValues(_ count: Int, seed: UInt32) -> [Float] {
        var random = NumpyRandom(seed: seed)
        return (0..<count).map { _ in Float(random.nextGaussian()) }
    }

    /// torch conv2d (correlation), 3x3, zero padding 1, on `[cin, h, n]` planes.
    func directConv(_ x: [Float], _ w: [Float], cin: Int, cout: Int, height h: Int, width n: Int) -> [Float] {
        var y = [Float](repeating: 0, count: cout * h * n)
        for o in 0..<cout { for i in 0..<cin { for yy in 0..<h { for xx in 0..<n { for ky in 0..<3 { for kx in 0..<3 {
            let sy = yy + ky - 1, sx = xx + kx - 1
            guard sy >= 0, sy < h, sx >= 0, sx < n else { continue }
            y[(o * h + yy) * n + xx] += w[((o * cin + i) * 3 + ky) * 3 + kx] * x[(i * h + sy) * n + sx]
        } } } } } }
        return y
    }

    func assertClose(_ a: [Float], _ b: [Float], line: UInt = #line) {
        let (error, scale) = maxError(a, b)
        XCTAssertLessThanOrEqual(error, 1e-5 * max(1, scale), line: line)
    }

    func testWinogradMatchesDirectConvolutionOfTheScaledInputAlsoInBands() {
        let workers = 2
        // Small shapes in one or several bands, a wide input as in real generators, and enough
        // channel pairs (2560) for whole SIMD groups on each worker plus a partial one; taller
        // and wider than square planes, and sides that are not powers of two.
        for (cin, cout, h, n) in [(3, 4, 4, 4), (3, 4, 8, 8), (3, 4, 16, 16), (512, 2, 8, 8), (64, 40, 8, 8),
                                  (3, 4, 16, 12), (3, 4, 12, 20), (5, 3, 36, 36)] {
            let x = randomValues(cin * h * n, seed: 1), w = randomValues(cout * cin * 9, seed: 2)
            let scale = randomValues(cin, seed: 3)
            var scaled = x
            for c in 0..<cin { for p in 0..<h * n { scaled[c * h * n + p] *= scale[c] } }
            let expected = directConv(scaled, w, cin: cin, cout: cout, height: h, width: n)
            // Tap-major weights, transformed as the layers do for every image.
            let taps = TransposedConvolution.tapWeights(w, outChannels: cout, inChannels: cin)
            var u = [Float](repeating: .nan, count: Winograd.positions * cout * cin)
            Winograd.transformWeights(taps: taps, pairs: cout * cin, into: &u, workers: workers)
            let widest = max(cin, cout)
            // One tile row per band, then the whole image in one band.
            for capacity in [36 * widest * n / 4, 36 * widest * h * n / 16] {
                var y = [Float](repeating: .nan, count: cout * h * n)
                var tiles = [Float](repeating: 0, count: capacity), products = [Float](repeating: 0, count: capacity)
                var rows = [Float](repeating: 0, count: workers * Winograd.rowScratch(width: n))
                Winograd.convolve(input: x, inChannels: cin, height: h, width: n, inputScale: scale, u: u, outChannels: cout,
                                  output: &y, tiles: &tiles, products: &products,
                                  tileCapacity: capacity, productCapacity: capacity,
                                  rows: &rows, workers: workers)
                assertClose(y, expected)
            }
        }
    }

    func testTapConvolutionMatchesDirectConvolution() {
        for (cin, cout, h, n) in [(3, 4, 1, 1), (3, 4, 4, 4), (5, 2, 8, 8), (2, 3, 16, 16), (3, 2, 12, 9), (2, 3, 9, 18)] {
            let x = randomValues(cin * h * n, seed: 6), w = randomValues(cout * cin * 9, seed: 7)
            let taps = TransposedConvolution.tapWeights(w, outChannels: cout, inChannels: cin)
            var products = [Float](repeating: .nan, count: 9 * cout * h * n)
            TransposedConvolution.products(input: x, inChannels: cin, height: h, width: n, tapWeights: taps,
                                           outChannels: cout, into: &products)
            var y = [Float](repeating: .nan, count: cout * h * n)
            y.withUnsafeMutableBufferPointer { out in
                for o in 0..<cout {
                    TapConvolution.gather(products: products, channel: o, outChannels: cout, height: h, width: n,
                                          into: out.baseAddress! + o * h * n)
                }
            }
            assertClose(y, directConv(x, w, cin: cin, cout: cout, height: h, width: n))
        }
    }

    func testSubPixelTransposedConvolutionThenFilterMatchesConvTransposeAndUpFIRDn() {
        let cin = 3, cout = 2, n = 5, full = 2 * n + 1
        let x = randomValues(cin * n * n, seed: 3), w = randomValues(cout * cin * 9, seed: 4)
        let filter: [Float] = [1, 3, 3, 1]
        // conv_transpose2d(x, w^T, stride 2): out[o, 2y+ky, 2x+kx] += w[o, i, ky, kx] x[i, y, x].
        var transposed = [Float](repeating: 0, count: cout * full * full)
        for o in 0..<cout { for i in 0..<cin { for y in 0..<n { for xx in 0..<n { for ky in 0..<3 { for kx in 0..<3 {
            transposed[(o * full + 2 * y + ky) * full + 2 * xx + kx] += w[((o * cin + i) * 3 + ky) * 3 + kx] * x[(i * n + y) * n + xx]
        } } } } } }
        let tapWeights = TransposedConvolution.tapWeights(w, outChannels: cout, inChannels: cin)
        var products = [Float](repeating: 0, count: 9 * cout * n * n)
        TransposedConvolution.products(input: x, inChannels: cin, height: n, width: n, tapWeights: tapWeights,
                                       outChannels: cout, into: &products)
        let upFilter = SeparableUpFIRDn(filter: filter, up: 1, padBefore: 1, padAfter: 1, gain: 4)
        for o in 0..<cout {
            var plane = [Float](repeating: .nan, count: full * full)
            TransposedConvolution.scatter(products: products, channel: o, outChannels: cout, height: n, width: n, into: &plane)
            assertClose(plane, Array(transposed[o * full * full ..< (o + 1) * full * full]))
            var filtered = [Float](repeating: .nan, count: 4 * n * n)
            var scratch = [Float](repeating: .nan, count: upFilter.scratchCount(height: full, width: full))
            upFilter.apply(plane, height: full, width: full, into: &filtered, scratch: &scratch)
            assertClose(filtered, directUpFIRDn(plane, size: full, filter: filter, up: 1, pad0: 1, pad1: 1, gain: 4))
        }
    }

    func testUpsample2xMatchesUpFIRDn2D() {
        for filter: [Float] in [[1, 3, 3, 1], [1, 1], [1, 2, 1], [1, 4, 6, 4, 1]] {
            let n = 4
            let x = randomValues(n * n, seed: 5)
            let upsample = SeparableUpFIRDn.upsample2x(filter: filter)
            XCTAssertEqual(upsample.outputLength(n), 2 * n)
            var y = [Float](repeating: .nan, count: 4 * n * n)
            var scratch = [Float](repeating: .nan, count: upsample.scratchCount(height: n, width: n))
            upsample.apply(x, height: n, width: n, into: &y, scratch: &scratch)
            assertClose(y, directUpFIRDn(x, size: n, filter: filter, up: 2, pad0: (filter.count + 1) / 2, pad1: (filter.count - 2) / 2, gain: 4))
        }
    }
}

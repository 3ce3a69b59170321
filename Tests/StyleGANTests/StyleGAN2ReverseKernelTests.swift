import XCTest
@testable import StyleGAN

/// The StyleGAN2 reverse mode's kernels against the plain loops they replace, bit for bit: a
/// projection must find the same ws whichever way its gradients are computed.
final class StyleGAN2ReverseKernelTests: XCTestCase {
    func randomValues(_ count: Int, seed: UInt32, scale: Float = 1) -> [Float] {
        var random = NumpyRandom(seed: seed)
        return (0..<count).map { _ in Float(random.nextGaussian()) * scale }
    }

    /// A random network whose channel counts (10, 5, 2) leave partial groups of four, with
    /// planes below, at and above one chunk of `OrderedChannelSums`, and a clamp that cuts.
    func network(activation: String = "lrelu", useNoise: Bool = true) throws -> StyleGAN2Synthesis {
        let kwargs = #"{"z_dim": 8, "c_dim": 0, "w_dim": 8, "img_resolution": 32, "img_channels": 3, "mapping_kwargs": {"num_layers": 1}, "channel_base": 80, "channel_max": 10, "conv_clamp": 0.5, "activation": "\#(activation)", "use_noise": \#(useNoise)}"#
        let spec = try GeneratorSpec(className: GeneratorFamily.styleGAN2.rawValue, initKwargsJSON: kwargs)
        let file = try RandomGenerator.file(spec: spec, seed: 5)
        var tensors = file.tensors
        var random = NumpyRandom(seed: 9)
        for name in tensors.keys.sorted() where name.hasPrefix("synthesis") && (name.hasSuffix(".bias") || name.hasSuffix("noise_strength")) {
            let t = tensors[name]!
            tensors[name] = Tensor(shape: t.shape, data: t.data.map { $0 + 0.3 * Float(random.nextGaussian()) })
        }
        return try XCTUnwrap(Generator(file: SafeTensorsFile(path: file.path, metadata: file.metadata, tensors: tensors)).synthesis
            as? StyleGAN2Synthesis)
    }

    func layers(_ network: StyleGAN2Synthesis) -> [StyleGAN2ConvLayer] {
        network.blocks.flatMap { [$0.conv0, $0.conv1].compactMap { $0 } }
    }

    func testOrderedChannelSumsMatchPlainLoops() {
        for channels in [1, 3, 4, 9] {
            for count in [1, 7, OrderedChannelSums.chunk, OrderedChannelSums.chunk + 1, 1000] {
                let a = randomValues(channels * count, seed: 1), b = randomValues(channels * count, seed: 2)
                let sums = OrderedChannelSums.sums(channels: channels, count: count, sums: 2) { c, range, rows in
                    for i in range {
                        rows[i - range.lowerBound] = a[c * count + i] * b[c * count + i]
                        rows[OrderedChannelSums.chunk + i - range.lowerBound] = a[c * count + i]
                    }
                }
                var products = [Float](repeating: 0, count: channels), plain = [Float](repeating: 0, count: channels)
                for c in 0..<channels {
                    for i in 0..<count {
                        products[c] += a[c * count + i] * b[c * count + i]
                        plain[c] += a[c * count + i]
                    }
                }
                XCTAssertEqual(sums[0], products, "channels \(channels), count \(count)")
                XCTAssertEqual(sums[1], plain, "channels \(channels), count \(count)")
            }
        }
    }

    /// The transposed convolution's tap-major weights [9, Cin, Cout], W'[k, i, o] = W[8 - k, o, i],
    /// copied out as the reverse mode once did before transforming or multiplying them.
    func transposedTaps(_ taps: [Float], cin: Int, cout: Int) -> [Float] {
        var transposed = [Float](repeating: .nan, count: 9 * cin * cout)
        for k in 0..<9 { for i in 0..<cin { for o in 0..<cout {
            transposed[(k * cin + i) * cout + o] = taps[((8 - k) * cout + o) * cin + i]
        } } }
        return transposed
    }

    /// The flipped kernel's Winograd transform, read transposed by the GEMMs, against the
    /// transform of a transposed copy: the same U and the same convolution, bit for bit. Channel
    /// counts leave partial SIMD groups; the larger shape runs OpenBLAS's blocked kernels.
    func testFlippedWinogradWeightsReadTransposedMatchTheTransposedCopy() {
        let workers = 2
        for (cin, cout, h, n) in [(7, 13, 8, 8), (96, 80, 16, 12)] {
            let taps = randomValues(9 * cout * cin, seed: 11)
            let gradient = randomValues(cout * h * n, seed: 12)
            var copied = [Float](repeating: .nan, count: Winograd.positions * cin * cout)
            Winograd.transformWeights(taps: transposedTaps(taps, cin: cin, cout: cout), pairs: cin * cout, into: &copied,
                                      workers: workers)
            var flipped = [Float](repeating: .nan, count: Winograd.positions * cout * cin)
            Winograd.transformWeights(taps: taps, pairs: cout * cin, flipped: true, into: &flipped, workers: workers)
            for xi in 0..<Winograd.positions { for i in 0..<cin { for o in 0..<cout {
                XCTAssertEqual(flipped[(xi * cout + o) * cin + i].bitPattern, copied[(xi * cin + i) * cout + o].bitPattern)
            } } }
            func convolve(_ u: [Float], transposed: Bool) -> [Float] {
                let capacity = 36 * max(cin, cout) * h * n / 16
                var y = [Float](repeating: .nan, count: cin * h * n)
                var tiles = [Float](repeating: 0, count: capacity), products = [Float](repeating: 0, count: capacity)
                var rows = [Float](repeating: 0, count: workers * Winograd.rowScratch(width: n))
                Winograd.convolve(input: gradient, inChannels: cout, height: h, width: n,
                                  inputScale: [Float](repeating: 1, count: cout), u: u, transposedWeights: transposed,
                                  outChannels: cin, output: &y, tiles: &tiles, products: &products,
                                  tileCapacity: capacity, productCapacity: capacity,
                                  rows: &rows, workers: workers)
                return y
            }
            XCTAssertEqual(convolve(flipped, transposed: true).map(\.bitPattern), convolve(copied, transposed: false).map(\.bitPattern),
                           "\(cin) x \(cout) channels, \(h) x \(n)")
        }
    }

    /// The reverse mode's tap products from the forward weights read transposed, tap by tap,
    /// against one GEMM of a transposed copy, bit for bit; the larger shape is one the single
    /// GEMM splits into row blocks where the engine splits GEMM work.
    func testFlippedTransposedProductsMatchTheTransposedCopysProducts() {
        for (cin, cout, h, n) in [(5, 3, 4, 4), (256, 192, 8, 8)] {
            let taps = randomValues(9 * cout * cin, seed: 13)
            let gradient = randomValues(cout * h * n, seed: 14)
            var copied = [Float](repeating: .nan, count: 9 * cin * h * n)
            TransposedConvolution.products(input: gradient, inChannels: cout, height: h, width: n,
                                           tapWeights: transposedTaps(taps, cin: cin, cout: cout), outChannels: cin, into: &copied)
            var direct = [Float](repeating: .nan, count: 9 * cin * h * n)
            TransposedConvolution.flippedTransposedProducts(gradient: gradient, outChannels: cout, height: h, width: n,
                                                            tapWeights: taps, inChannels: cin, into: &direct)
            XCTAssertEqual(direct.map(\.bitPattern), copied.map(\.bitPattern), "\(cin) x \(cout) channels, \(h) x \(n)")
        }
    }

    /// The epilogue's reverse mode as one plain loop per channel (the definition it replaces).
    func plainEpilogueBackward(_ layer: StyleGAN2ConvLayer, output: [Float], noise: [Float]?, gradient: [Float], gain: Float,
                               demodulation: [Float]) -> (convolved: [Float], gradients: StyleGAN2ConvLayer.EpilogueGradients) {
        let plane = layer.height * layer.width
        let totalGain = layer.activation.defaultGain * gain
        let clamp = layer.convClamp.map { $0 * gain } ?? .infinity
        var convolved = [Float](repeating: 0, count: output.count)
        var demodulationGradient = [Float](repeating: 0, count: layer.outChannels)
        var biasGradient = [Float](repeating: 0, count: layer.outChannels)
        let noiseValues = noise ?? [Float](repeating: 0, count: plane)
        for o in 0..<layer.outChannels {
            var sum: Float = 0, biasSum: Float = 0
            for p in 0..<plane {
                let i = o * plane + p, y = output[i]
                let slope = layer.activation.slope(atOutput: y)
                let passes = abs(y) < clamp && slope != 0
                let pre = passes ? gradient[i] * totalGain * slope : 0
                let demodulated = passes ? y / (totalGain * slope) - noiseValues[p] - layer.bias[o] : 0
                sum += pre * demodulated
                biasSum += pre
                convolved[i] = pre
            }
            demodulationGradient[o] = sum / demodulation[o]
            biasGradient[o] = biasSum
        }
        var noiseGradient: [Float]? = nil
        var noiseStrengthGradient: Float = 0
        if let unscaled = layer.unscaledNoiseConst {
            var g = [Float](repeating: 0, count: plane)
            for o in 0..<layer.outChannels { for p in 0..<plane { g[p] += convolved[o * plane + p] } }
            noiseGradient = g.map { $0 * layer.noiseStrength }
            noiseStrengthGradient = zip(g, unscaled).reduce(0) { $0 + $1.0 * $1.1 }
        }
        for o in 0..<layer.outChannels { for p in o * plane ..< (o + 1) * plane { convolved[p] *= demodulation[o] } }
        return (convolved, .init(demodulation: demodulationGradient, bias: biasGradient, noise: noiseGradient,
                                 noiseStrength: noiseStrengthGradient))
    }

    func testEpilogueBackwardMatchesPlainLoops() throws {
        for (activation, useNoise) in [("lrelu", true), ("relu", false), ("linear", true)] {
            for layer in layers(try network(activation: activation, useNoise: useNoise)) {
                let count = layer.outChannels * layer.height * layer.width
                // Outputs beyond the clamp (0.5 times the gain) and exact zeros, where relu passes nothing.
                var output = randomValues(count, seed: 3, scale: 0.6)
                for i in stride(from: 0, to: count, by: 7) { output[i] = 0 }
                let gradient = randomValues(count, seed: 4)
                let demodulation = randomValues(layer.outChannels, seed: 5).map { 1 + abs($0) }
                let noise = layer.scaledNoiseConst
                for gain in [1, Float(0.5).squareRoot()] {
                    var convolved = [Float](repeating: .nan, count: count)
                    let gradients = layer.epilogueBackward(output: output, noise: noise, gradient: gradient, gain: gain,
                                                           demodulation: demodulation, into: &convolved)
                    let plain = plainEpilogueBackward(layer, output: output, noise: noise, gradient: gradient, gain: gain,
                                                      demodulation: demodulation)
                    let label = "\(activation), \(layer.height)x\(layer.width), \(layer.outChannels) channels, gain \(gain)"
                    XCTAssertEqual(convolved, plain.convolved, label)
                    XCTAssertEqual(gradients.demodulation, plain.gradients.demodulation, label)
                    XCTAssertEqual(gradients.bias, plain.gradients.bias, label)
                    XCTAssertEqual(gradients.noise, plain.gradients.noise, label)
                    XCTAssertEqual(gradients.noiseStrength, plain.gradients.noiseStrength, label)
                }
            }
        }
    }

    func testUpsamplingProductGradientMatchesTheFilterAdjointThenEachTapsSamples() throws {
        let network = try network()
        let workspace = StyleGAN2Workspace(blocks: network.blocks, imageChannels: network.imageChannels,
                                           resampleFilter: network.spec.resampleFilter)
        for layer in layers(network) where layer.up {
            let (height, width, cout) = (layer.height, layer.width, layer.outChannels)
            let inHeight = height / 2, inWidth = width / 2, inPlane = inHeight * inWidth
            let fullHeight = height + 1, fullWidth = width + 1, fullPlane = fullHeight * fullWidth
            let gradient = randomValues(cout * height * width, seed: 6)
            let products = gradient.withUnsafeBufferPointer { layer.upsamplingProductGradient($0.baseAddress!, workspace: workspace) }
            let planes = layer.upFilter.adjointPlanes(gradient, channels: cout, height: fullHeight, width: fullWidth)
            var expected = [Float](repeating: 0, count: 9 * cout * inPlane)
            for k in 0..<9 { for o in 0..<cout { for y in 0..<inHeight { for x in 0..<inWidth {
                expected[(k * cout + o) * inPlane + y * inWidth + x] = planes[o * fullPlane + (2 * y + k / 3) * fullWidth + 2 * x + k % 3]
            } } } }
            XCTAssertEqual(Array(UnsafeBufferPointer(start: products, count: expected.count)), expected, "\(height)x\(width)")
        }
    }
}

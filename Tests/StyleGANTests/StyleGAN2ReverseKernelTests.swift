import XCTest
@testable import StyleGAN

/// The StyleGAN2 reverse mode's kernels against the plain loops they replace, bit for bit: a
/// projection must find the same ws whichever way its gradients are computed.
final class StyleGAN2ReverseKernelTests: XCTestCase {
    func randomValues(_ count: Int, seed: UInt32, scale: Float = 1) -> [Float] {
        var random = NumpyRandom(seed: seed)
        return (0..<count).map { _ in Float(random.nextGaussian()) * scale }
    }

    /// A random network whose channel counts (10, 5, 2) are not multiples of four, with a clamp that cuts.
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

    func testTransposedTapWeightsRotateTheKernelAndSwapTheChannels() throws {
        for layer in layers(try network()) {
            let (cin, cout) = (layer.inChannels, layer.outChannels)
            var taps = [Float](repeating: .nan, count: 9 * cin * cout)
            layer.transposedTapWeights(into: &taps)
            for k in 0..<9 { for i in 0..<cin { for o in 0..<cout {
                XCTAssertEqual(taps[(k * cin + i) * cout + o], layer.tapWeights[((8 - k) * cout + o) * cin + i])
            } } }
        }
    }
}

import XCTest
import Randomness
import StyleGAN
@testable import Training

/// Weight gradients of the mapping and synthesis networks (what training adds to the reverse
/// mode projection uses) against central differences of the loss L = sum(image * R).
final class ParameterGradientTests: XCTestCase {
    private func parameters(activation: String, mappingActivation: String, useNoise: Bool = true,
                            size: String = #""img_resolution": 16"#) throws -> ModelParameters {
        let kwargs = #"{"z_dim": 8, "c_dim": 0, "w_dim": 8, \#(size), "img_channels": 4, "mapping_kwargs": {"num_layers": 2, "activation": "\#(mappingActivation)", "lr_multiplier": 0.1}, "channel_base": 64, "channel_max": 8, "conv_clamp": null, "architecture": "skip", "activation": "\#(activation)", "use_noise": \#(useNoise)}"#
        var parameters = try ModelParameters(spec: GeneratorSpec(className: GeneratorFamily.styleGAN2.rawValue, initKwargsJSON: kwargs), seed: 5)
        // Non-trivial biases and noise strengths, so every path carries gradient.
        var values = parameters.flattened()
        var offset = 0
        var random = SplitMix64(seed: 4, stream: 0)
        for name in parameters.trainable {
            let count = parameters.tensors[name]!.count
            if name.hasSuffix("bias") || name.hasSuffix("noise_strength") {
                for i in offset ..< offset + count { values[i] += Float.random(in: -0.3...0.3, using: &random) }
            }
            offset += count
        }
        parameters.update(from: values)
        return parameters
    }

    private func check(_ parameters: ModelParameters, step: Float, tolerance: Double) throws {
        let z: [Float] = (0..<8).map { Float($0 % 3) - 0.7 + Float($0) * 0.1 }
        let generator = try parameters.generator()
        let synthesis = try XCTUnwrap(generator.synthesis as? StyleGAN2Synthesis)
        var random = SplitMix64(seed: 6, stream: 0)
        let weights = (0..<(4 * synthesis.imageHeight * synthesis.imageWidth)).map { _ in Float.random(in: -1...1, using: &random) }
        func loss(_ values: [Float]) -> Double {
            var changed = parameters
            changed.update(from: values)
            let generator = try! changed.generator()
            let synthesis = generator.synthesis as! StyleGAN2Synthesis
            let w = generator.mapping.record(z: z).w
            let ws = Array([[Float]](repeating: w, count: synthesis.numWs).joined())
            let image = synthesis.recordingForward(ws: ws, noise: synthesis.constantNoise).image.data
            return zip(image, weights).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        let mappingTape = generator.mapping.record(z: z)
        let ws = Array([[Float]](repeating: mappingTape.w, count: synthesis.numWs).joined())
        let tape = synthesis.recordingForward(ws: ws, noise: synthesis.constantNoise).tape
        let (wsGradient, synthesisGradients) = synthesis.parameterGradients(tape, imageGradient: weights)
        var wGradient = [Float](repeating: 0, count: 8)
        for row in 0..<synthesis.numWs { for j in 0..<8 { wGradient[j] += wsGradient[row * 8 + j] } }
        var all = synthesisGradients
        all.merge(generator.mapping.parameterGradients(mappingTape, wGradient: wGradient)) { a, _ in a }
        XCTAssertEqual(Set(all.keys), Set(parameters.trainable), "every trainable tensor gets a gradient")
        let analytic = parameters.flatten(gradients: all)
        let point = parameters.flattened()
        // One direction per tensor, so a wrong tensor cannot hide among the right ones.
        var offset = 0
        for name in parameters.trainable {
            let count = parameters.tensors[name]!.count
            var direction = [Float](repeating: 0, count: point.count)
            for i in offset ..< offset + count { direction[i] = Float.random(in: -1...1, using: &random) }
            offset += count
            var plus = point, minus = point
            for i in point.indices { plus[i] += step * direction[i]; minus[i] -= step * direction[i] }
            let expected = (loss(plus) - loss(minus)) / (2 * Double(step))
            let actual = zip(analytic, direction).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            let scale = max(1e-3, abs(expected), abs(actual))
            XCTAssertLessThanOrEqual(abs(expected - actual) / scale, tolerance, "\(name): finite differences \(expected), analytic \(actual)")
        }
    }

    func testGradientsOfEveryParameterWithLinearActivations() throws {
        try check(parameters(activation: "linear", mappingActivation: "linear"), step: 1e-2, tolerance: 5e-3)
    }

    func testGradientsOfANonSquareNetwork() throws {
        // 12 high, 8 wide from a 3x2 constant: odd and even sides, tap and transposed convolutions.
        try check(parameters(activation: "linear", mappingActivation: "linear", size: #""img_resolution": 12, "init_res": [3, 2]"#),
                  step: 1e-2, tolerance: 5e-3)
    }

    func testGradientsOfEveryParameterWithLeakyReLU() throws {
        // The linear case above checks the algebra exactly. Here kinks and float32 rounding make
        // central differences good to ~10% only (units change side within a step large enough to
        // beat rounding), which still catches a missing or wrong slope (a 0.2 vs 1 slope is 80%).
        try check(parameters(activation: "lrelu", mappingActivation: "lrelu"), step: 1e-3, tolerance: 0.2)
    }
}

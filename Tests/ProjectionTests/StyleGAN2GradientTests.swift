import StyleCastIO
import StyleGAN
import XCTest
@testable import Projection

/// StyleGAN2 reverse mode against PyTorch autograd (the fixture's grad case) and against finite
/// differences on small random networks of every architecture.
final class StyleGAN2GradientTests: XCTestCase {
    private func styleGAN2(_ generator: Generator, file: StaticString = #filePath, line: UInt = #line) throws -> StyleGAN2Synthesis {
        try XCTUnwrap(generator.synthesis as? StyleGAN2Synthesis, "not a StyleGAN2 model", file: file, line: line)
    }

    func testWsGradientMatchesPyTorchOnTheFixture() throws {
        let folder = fixturesRoot + "/sg2-skip-32"
        try XCTSkipUnless(FileManager.default.fileExists(atPath: folder + "/grad.dws.npy"), "fixtures not present")
        let network = try styleGAN2(Generator.load(path: folder + "/model.safetensors"))
        let cases = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/cases.json"))) as? [String: Any]
        let gradCase = try XCTUnwrap((cases?["cases"] as? [[String: Any]])?.first { ($0["files"] as? [String: String])?["dws"] != nil })
        let files = try XCTUnwrap(gradCase["files"] as? [String: String])
        let ws = try NPY.read(path: folder + "/" + XCTUnwrap(files["ws"])).values
        let weights = try NPY.read(path: folder + "/" + XCTUnwrap(files["R"])).values
        let reference = try NPY.read(path: folder + "/" + XCTUnwrap(files["dws"])).values

        let (image, tape) = network.forward(ws: ws, noise: network.constantNoise)
        // The recording pass must be the plain forward pass (up to the rounding of taking the
        // noise strength out of the stored noise and back in).
        let plain = network.synthesize(ws: ws, noiseMode: .const, noiseSeed: 0).data
        let plainScale = plain.map { abs($0) }.max()!
        XCTAssertLessThanOrEqual(zip(image.data, plain).map { abs($0 - $1) }.max()!, 1e-5 * plainScale)
        let gradient = network.backward(tape, imageGradient: weights).ws
        let scale = reference.map { abs($0) }.max()!
        let error = zip(gradient, reference).map { abs($0 - $1) }.max()!
        XCTAssertLessThanOrEqual(error, 1e-3 * scale, "max |dws - PyTorch| = \(error), max |PyTorch| = \(scale)")
    }

    /// A small random StyleGAN2 of the given shape, with noise strengths and biases made
    /// non-trivial so every path carries gradient.
    private func randomNetwork(architecture: String, channels: Int, clamp: String = "256",
                               activation: String = "linear", resolution: Int = 16,
                               initRes: [Int] = [4, 4]) throws -> StyleGAN2Synthesis {
        let kwargs = #"{"z_dim": 8, "c_dim": 0, "w_dim": 8, "img_resolution": \#(resolution), "init_res": \#(initRes), "img_channels": \#(channels), "mapping_kwargs": {"num_layers": 1}, "channel_base": 64, "channel_max": 8, "conv_clamp": \#(clamp), "architecture": "\#(architecture)", "activation": "\#(activation)"}"#
        let spec = try GeneratorSpec(className: "networks_stylegan2.Generator", initKwargsJSON: kwargs)
        let file = try RandomGenerator.file(spec: spec, seed: 3)
        var tensors = file.tensors
        var random = NumpyRandom(seed: 17)
        for name in tensors.keys.sorted() where name.hasSuffix(".bias") && name.hasPrefix("synthesis") {
            let t = tensors[name]!
            tensors[name] = Tensor(shape: t.shape, data: t.data.map { $0 + 0.2 * Float(random.nextGaussian()) })
        }
        for name in tensors.keys.sorted() where name.hasSuffix("noise_strength") {
            tensors[name] = Tensor(shape: [], data: [0.5])
        }
        return try styleGAN2(Generator(file: SafeTensorsFile(path: file.path, metadata: file.metadata, tensors: tensors)))
    }

    /// Linear activations keep the loss smooth for finite differences; kinks (leaky ReLU, an
    /// active clamp) need a smaller step so few units change side.
    private func checkFiniteDifferences(_ network: StyleGAN2Synthesis, step: Float = 1e-2, tolerance: Double = 5e-3,
                                        checkNoise: Bool = true, directions: Int = 3, file: StaticString = #filePath, line: UInt = #line) {
        let ws = randomValues(network.numWs * network.wDim, seed: 21)
        let weights = randomValues(network.imageChannels * network.imageHeight * network.imageWidth, seed: 22)
        let noise = network.noiseShapes.enumerated().map { randomValues($1.count, seed: 30 + UInt64($0)) }
        func loss(_ ws: [Float], _ noise: [[Float]]) -> Double {
            zip(network.forward(ws: ws, noise: noise).image.data, weights).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        let gradients = network.backward(network.forward(ws: ws, noise: noise).tape, imageGradient: weights)
        assertGradientMatchesFiniteDifferences(at: ws, analytic: gradients.ws, step: step, tolerance: tolerance,
                                               directions: directions, components: directions == 0 ? ws.count : 5,
                                               file: file, line: line) {
            loss($0, noise)
        }
        for b in [0, noise.count - 1] where checkNoise {
            assertGradientMatchesFiniteDifferences(at: noise[b], analytic: gradients.noise[b], step: step, tolerance: tolerance,
                                                   file: file, line: line) {
                var changed = noise
                changed[b] = $0
                return loss(ws, changed)
            }
        }
    }

    func testFiniteDifferencesSkipArchitecture() throws {
        checkFiniteDifferences(try randomNetwork(architecture: "skip", channels: 3))
    }

    func testFiniteDifferencesOrigArchitecture() throws {
        checkFiniteDifferences(try randomNetwork(architecture: "orig", channels: 3))
    }

    func testFiniteDifferencesResnetArchitectureRGBA() throws {
        checkFiniteDifferences(try randomNetwork(architecture: "resnet", channels: 4))
    }

    /// Blocks 3x2, 6x4, 12x8: non-square and non-power-of-two planes, same-size layers with
    /// sides Winograd's 4x4 tiles divide (12x8) and ones they do not (6x4).
    func testFiniteDifferencesNonSquareSkip() throws {
        checkFiniteDifferences(try randomNetwork(architecture: "skip", channels: 4, resolution: 12, initRes: [3, 2]))
    }

    func testFiniteDifferencesNonSquareResnetWithLeakyReLU() throws {
        checkFiniteDifferences(try randomNetwork(architecture: "resnet", channels: 3, activation: "lrelu", resolution: 10, initRes: [5, 7]),
                               step: 1e-3, tolerance: 2e-2)
    }

    func testFiniteDifferencesWithActiveClamp() throws {
        // A clamp of 0.5 cuts many activations; the cut ones must pass no gradient. Moving all
        // of ws (or single noise pixels) at once pushes too many units across the clamp for
        // finite differences, so this checks every w component on its own; the noise gradient
        // shares the masked path and is checked without the clamp above.
        checkFiniteDifferences(try randomNetwork(architecture: "skip", channels: 3, clamp: "0.5"), step: 1e-3, tolerance: 2e-2,
                               checkNoise: false, directions: 0)
    }

    func testFiniteDifferencesWithLeakyReLU() throws {
        checkFiniteDifferences(try randomNetwork(architecture: "resnet", channels: 3, activation: "lrelu"), step: 1e-3, tolerance: 2e-2)
    }
}

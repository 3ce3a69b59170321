import Foundation
import StyleCastIO
import StyleGAN
import XCTest
@testable import Projection

/// StyleGAN3 reverse mode against PyTorch autograd (the grad cases of the shared R fixture and
/// of the official T/RGBA reference) and against finite differences on small random T and R
/// networks.
final class StyleGAN3GradientTests: XCTestCase {
    private func styleGAN3(_ generator: Generator, file: StaticString = #filePath, line: UInt = #line) throws -> StyleGAN3Synthesis {
        try XCTUnwrap(generator.synthesis as? StyleGAN3Synthesis, "not a StyleGAN3 model", file: file, line: line)
    }

    /// Compares dL/dws for L = sum(image * R) with the folder's autograd result; the case's
    /// files are read from its `cases.json` (`grad` tag, or the top-level `grad` entry).
    private func checkAgainstAutograd(folder: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try XCTSkipUnless(FileManager.default.fileExists(atPath: folder + "/model.safetensors"), "fixtures not present")
        let cases = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/cases.json"))) as? [String: Any])
        let files = try XCTUnwrap(cases["grad"] as? [String: String]
            ?? (cases["cases"] as? [[String: Any]])?.first { $0["tag"] as? String == "grad" }?["files"] as? [String: String],
            "no grad case in \(folder)/cases.json", file: file, line: line)
        let network = try styleGAN3(Generator.load(path: folder + "/model.safetensors"), file: file, line: line)
        let ws = try NPY.read(path: folder + "/" + XCTUnwrap(files["ws"])).values
        let weights = try NPY.read(path: folder + "/" + XCTUnwrap(files["R"])).values
        let reference = try NPY.read(path: folder + "/" + XCTUnwrap(files["dws"])).values

        let (image, tape) = network.forward(ws: ws, noise: [])
        // The recording pass is the plain forward pass, bit for bit.
        XCTAssertEqual(image.data, network.synthesize(ws: ws, noiseMode: .const, noiseSeed: 0).data, file: file, line: line)
        let gradient = network.backward(tape, imageGradient: weights).ws
        XCTAssertEqual(gradient.count, reference.count, file: file, line: line)
        let scale = reference.map { abs($0) }.max()!
        let error = zip(gradient, reference).map { abs($0 - $1) }.max()!
        XCTAssertLessThanOrEqual(error, 1e-3 * scale, "max |dws - PyTorch| = \(error), max |PyTorch| = \(scale)", file: file, line: line)
        // Row 0 (the input transform) is part of the check, not left at zero.
        XCTAssertGreaterThan(gradient[0..<network.wDim].map { abs($0) }.max()!, 1e-3 * scale, file: file, line: line)
    }

    func testWsGradientMatchesPyTorchOnTheRadialFixture() throws {
        try checkAgainstAutograd(folder: fixturesRoot + "/sg3-r-32")
    }

    func testWsGradientMatchesPyTorchOnTheRGBAConfigTReference() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        try checkAgainstAutograd(folder: url.appendingPathComponent("Resources/official/sg3-t-16-rgba-cond").path)
    }

    /// A small random StyleGAN3 with every bias, the input affine and `magnitude_ema` moved off
    /// their initial values and a non-identity user transform, so every path carries gradient.
    private func randomNetwork(_ extraKwargs: String) throws -> StyleGAN3Synthesis {
        let kwargs = #"{"z_dim": 8, "c_dim": 0, "w_dim": 8, "img_resolution": 16, "img_channels": 3, "mapping_kwargs": {"num_layers": 1}, "channel_base": 256, "channel_max": 8, "num_layers": 4, "margin_size": 2, \#(extraKwargs)}"#
        let spec = try GeneratorSpec(className: "networks_stylegan3.Generator", initKwargsJSON: kwargs)
        let file = try RandomGenerator.file(spec: spec, seed: 5)
        var tensors = file.tensors
        var random = NumpyRandom(seed: 23)
        func perturb(_ name: String, by scale: Float) {
            let t = tensors[name]!
            tensors[name] = Tensor(shape: t.shape, data: t.data.map { $0 + scale * Float(random.nextGaussian()) })
        }
        for name in tensors.keys.sorted() where name.hasPrefix("synthesis") {
            if name.hasSuffix(".bias") { perturb(name, by: 0.2) }
            if name.hasSuffix("magnitude_ema") { tensors[name] = Tensor(shape: [], data: [0.5 + Float(random.nextDouble())]) }
        }
        perturb("synthesis.input.affine.weight", by: 0.5)
        let angle: Float = 0.3
        tensors["synthesis.input.transform"] = Tensor(shape: [3, 3], data: [cos(angle), -sin(angle), 0.1, sin(angle), cos(angle), -0.2, 0, 0, 1])
        return try styleGAN3(Generator(file: SafeTensorsFile(path: file.path, metadata: file.metadata, tensors: tensors)))
    }

    /// Leaky ReLUs and band-limit clamps make the loss piecewise smooth: a small step keeps
    /// few units from changing side. `layerRowsOnly` checks every component of the layers' w
    /// rows on its own and leaves out row 0, whose transform moves every feature at once.
    private func checkFiniteDifferences(_ network: StyleGAN3Synthesis, step: Float = 3e-4, layerRowsOnly: Bool = false,
                                        file: StaticString = #filePath, line: UInt = #line) {
        let ws = randomValues(network.numWs * network.wDim, seed: 41)
        let weights = randomValues(network.imageChannels * network.imageHeight * network.imageWidth, seed: 42)
        func loss(_ ws: [Float]) -> Double {
            zip(network.forward(ws: ws, noise: []).image.data, weights).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        let gradient = network.backward(network.forward(ws: ws, noise: []).tape, imageGradient: weights).ws
        let wDim = network.wDim
        if layerRowsOnly {
            let layerRows = Array(ws[wDim...])
            assertGradientMatchesFiniteDifferences(at: layerRows, analytic: Array(gradient[wDim...]), step: step, tolerance: 2e-2,
                                                   directions: 0, components: layerRows.count, file: file, line: line) {
                loss(ws[0..<wDim] + $0)
            }
            return
        }
        assertGradientMatchesFiniteDifferences(at: ws, analytic: gradient, step: step, tolerance: 2e-2, file: file, line: line, loss)
        // The input row on its own: rotation, translation and their normalisation.
        assertGradientMatchesFiniteDifferences(at: Array(ws[0..<wDim]), analytic: Array(gradient[0..<wDim]), step: step, tolerance: 2e-2,
                                               file: file, line: line) { row in
            loss(row + ws[wDim...])
        }
    }

    func testFiniteDifferencesConfigT() throws {
        checkFiniteDifferences(try randomNetwork(#""conv_clamp": 256"#))
    }

    func testFiniteDifferencesConfigR() throws {
        checkFiniteDifferences(try randomNetwork(#""conv_kernel": 1, "use_radial_filters": true"#))
    }

    func testFiniteDifferencesWithActiveClamp() throws {
        // A clamp of 0.5 cuts many activations; the cut ones must pass no gradient.
        checkFiniteDifferences(try randomNetwork(#""conv_clamp": 0.5"#), layerRowsOnly: true)
    }
}

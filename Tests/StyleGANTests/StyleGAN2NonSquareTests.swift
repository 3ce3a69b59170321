import Foundation
import StyleCastIO
import XCTest
@testable import StyleGAN

/// StyleGAN2 with a first block other than 4x4 (`init_res`): non-square and non-power-of-two
/// planes, as StyleCast's walk-sheet (192x144) and face (144x144) models have.
final class StyleGAN2NonSquareTests: XCTestCase {
    static let referenceFolder = OfficialReferenceTests.extraRoot + "/sg2-skip-48x36-rgba"

    func testInitResSetsBlockSizesNamesAndTensorShapes() throws {
        let spec = try XCTUnwrap(try GeneratorSpec(className: GeneratorFamily.styleGAN2.rawValue,
                                                   initKwargsJSON: XCTUnwrap(RandomGenerator.configurations["sg2-sprite"]).initKwargs).styleGAN2)
        XCTAssertEqual(spec.blockResolutions, [12, 24, 48, 96, 192])
        XCTAssertEqual(spec.blockResolutions.map { spec.width(at: $0) }, [9, 18, 36, 72, 144])
        XCTAssertEqual(spec.imageWidth, 144)
        XCTAssertEqual(spec.numWs, 10)
        // Channels follow the block height: min(6144 / height, 256).
        XCTAssertEqual(spec.blockResolutions.map { spec.channels(at: $0) }, [256, 256, 128, 64, 32])
        let shapes = Dictionary(uniqueKeysWithValues: spec.tensorSpecs.map { ($0.name, $0.shape) })
        XCTAssertEqual(shapes["synthesis.b12.const"], [256, 12, 9])
        XCTAssertEqual(shapes["synthesis.b12.conv1.noise_const"], [12, 9])
        XCTAssertEqual(shapes["synthesis.b192.conv0.noise_const"], [192, 144])
        XCTAssertEqual(shapes["synthesis.b24.conv0.weight"], [256, 256, 3, 3])
        XCTAssertNil(shapes["synthesis.b12.conv0.weight"], "the first block has no up-sampling conv")
        XCTAssertNil(shapes["synthesis.b4.const"])
    }

    func testSpriteAndFaceConfigurationsSynthesiseTheirImageSizes() throws {
        for (name, height, width) in [("sg2-sprite", 192, 144), ("sg2-face", 144, 144)] {
            let generator = try RandomGenerator.make(configuration: name, seed: 1)
            XCTAssertEqual(generator.spec.numWs, 10, name)
            XCTAssertEqual(generator.synthesis.imageHeight, height, name)
            XCTAssertEqual(generator.synthesis.imageWidth, width, name)
            let ws = try generator.ws(seed: 2, classIndex: nil, truncation: Truncation(psi: 1))
            let image = try generator.synthesize(ws, noiseMode: .const)
            XCTAssertEqual(image.shape, [4, height, width], name)
            XCTAssertTrue(image.data.allSatisfy(\.isFinite), name)
            XCTAssertGreaterThan(Set(image.data).count, image.count / 2, "output should vary: \(name)")
            XCTAssertEqual(try generator.synthesize(ws, noiseMode: .const).data, image.data, "deterministic: \(name)")
            let png = try ImageConversion.rgba8(image)
            XCTAssertEqual([png.width, png.height], [width, height], name)
        }
    }

    /// The same network, ws and weights R as the official code's autograd (see the folder's
    /// README entry): dL/dws of L = sum(synthesis(ws, const) * R).
    func testReverseModeMatchesPyTorchOnTheNonSquareReference() throws {
        let folder = Self.referenceFolder
        let generator = try Generator.load(path: folder + "/model.safetensors")
        let network = try XCTUnwrap(generator.synthesis as? StyleGAN2Synthesis)
        XCTAssertEqual([network.imageHeight, network.imageWidth], [48, 36])
        let ws = try NPY.read(path: folder + "/grad.ws.npy").values
        let weights = try NPY.read(path: folder + "/grad.R.npy").values
        let reference = try NPY.read(path: folder + "/grad.dws.npy").values

        let (image, tape) = network.recordingForward(ws: ws, noise: network.constantNoise)
        let plain = network.synthesize(ws: ws, noiseMode: .const, noiseSeed: 0)
        XCTAssertEqual(image.shape, plain.shape)
        let (forwardError, forwardScale) = maxError(image.data, plain.data)
        XCTAssertLessThanOrEqual(forwardError, 1e-5 * forwardScale, "recording forward vs plain forward")

        let gradient = network.gradients(tape, imageGradient: weights)
        XCTAssertEqual(gradient.noise.map(\.count), network.noiseShapes.map(\.count))
        let (error, scale) = maxError(gradient.ws, reference)
        XCTAssertLessThanOrEqual(error, 1e-3 * scale, "max |dws - PyTorch| = \(error), max |PyTorch| = \(scale)")
    }
}

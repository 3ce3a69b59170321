import Foundation
import StyleCastIO
import XCTest
@testable import StyleGAN

/// The engine against what the official NVlabs code computes for ../shared/fixtures/stylegan/sg2-skip-32.
final class StyleGAN2FixtureTests: XCTestCase {
    struct Case {
        let tag: String
        let seed: UInt32?
        let truncation: Truncation
        let noiseMode: NoiseMode
        let files: [String: String]
    }

    static let folder = fixturesRoot + "/sg2-skip-32"

    func loadCases() throws -> [Case] {
        let path = Self.folder + "/cases.json"
        try XCTSkipUnless(FileManager.default.fileExists(atPath: path), "fixtures not present")
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let cases = try XCTUnwrap(json["cases"] as? [[String: Any]])
        return cases.map { item in
            Case(tag: item["tag"] as? String ?? "",
                 seed: (item["seed"] as? NSNumber).map { UInt32($0.int64Value) },
                 truncation: Truncation(psi: (item["truncation_psi"] as? NSNumber)?.floatValue ?? 1,
                                        cutoff: (item["truncation_cutoff"] as? NSNumber)?.intValue),
                 noiseMode: NoiseMode(rawValue: item["noise_mode"] as? String ?? "const") ?? .const,
                 files: item["files"] as? [String: String] ?? [:])
        }
    }

    func read(_ name: String) throws -> NPYArray { try NPY.read(path: Self.folder + "/" + name) }

    static let generator: Result<Generator, Error> = Result { try Generator.load(path: folder + "/model.safetensors") }

    func testSpecAndLayoutOfTheFixtureModel() throws {
        _ = try loadCases()
        let generator = try Self.generator.get()
        XCTAssertEqual(generator.spec.family, .styleGAN2)
        XCTAssertEqual(generator.spec.numWs, 8)
        XCTAssertEqual(generator.spec.styleGAN2?.architecture, .skip)
        XCTAssertEqual(generator.spec.styleGAN2?.convClamp, 256)
        XCTAssertEqual(generator.synthesis.imageChannels, 3)
        XCTAssertEqual(generator.synthesis.imageHeight, 32)
    }

    func testZFromSeedsAndMappedWsMatchEveryCase() throws {
        let generator = try Self.generator.get()
        var checked = 0
        for item in try loadCases() {
            guard let seed = item.seed, let zFile = item.files["z"], let wsFile = item.files["ws"] else { continue }
            let zReference = try NPY.readFloat64(path: Self.folder + "/" + zFile)
            XCTAssertEqual(latentZ(seed: seed, zDim: generator.spec.zDim), zReference.values, "z of \(item.tag)")
            let ws = try generator.ws(seed: seed, truncation: item.truncation)
            let reference = try read(wsFile)
            XCTAssertEqual(reference.shape, [1, ws.numWs, ws.wDim])
            let (error, scale) = maxError(ws.values, reference.values)
            XCTAssertLessThanOrEqual(error, 1e-5 * max(1, scale), "ws of \(item.tag)")
            checked += 1
        }
        XCTAssertEqual(checked, 9)
    }

    func testImagesMatchEveryCaseIncludingStyleMixing() throws {
        let generator = try Self.generator.get()
        var checked = 0
        for item in try loadCases() {
            guard let wsFile = item.files["ws"], let imageFile = item.files["img"] else { continue }
            let wsArray = try read(wsFile)
            let ws = Latent(numWs: wsArray.shape[1], wDim: wsArray.shape[2], values: wsArray.values)
            let image = try generator.synthesize(ws, noiseMode: item.noiseMode)
            let reference = try read(imageFile)
            XCTAssertEqual([1] + image.shape, reference.shape)
            let (error, scale) = maxError(image.data, reference.values)
            XCTAssertLessThanOrEqual(error, 1e-3 * scale, "image of \(item.tag)")
            checked += 1
        }
        XCTAssertEqual(checked, 10)
    }

    func testNumpySeedsUpToTheLargestSeed() throws {
        let folder = fixturesRoot + "/numpy_seeds"
        try XCTSkipUnless(FileManager.default.fileExists(atPath: folder), "fixtures not present")
        for seed: UInt32 in [0, 1, 2, 123, 2_147_483_648, 4_294_967_295] {
            let reference = try NPY.readFloat64(path: folder + "/seed\(seed).randn_1x512.npy")
            XCTAssertEqual(latentZ(seed: seed, zDim: 512), reference.values, "seed \(seed)")
        }
    }
}

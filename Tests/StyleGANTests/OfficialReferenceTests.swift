import Foundation
import StyleCastIO
import XCTest
@testable import StyleGAN

/// Every reference folder, end to end through `Generator` (seed -> z -> mapping -> synthesis):
/// the shared fixtures (../shared/fixtures/stylegan) and the extra configurations in
/// Tests/Resources/official (orig, resnet, RGBA, conditional, non-square StyleGAN2; RGBA conditional StyleGAN3-T).
final class OfficialReferenceTests: XCTestCase {
    static let extraRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        url.deleteLastPathComponent()
        url.deleteLastPathComponent()
        return url.appendingPathComponent("Resources/official").path
    }()

    static let folders = ["sg2-skip-32", "sg3-r-32", "sg3-t-64"].map { fixturesRoot + "/" + $0 }
        + ["sg2-orig-16-rgba-cond", "sg2-resnet-32", "sg3-t-16-rgba-cond", "sg2-skip-48x36-rgba"].map { extraRoot + "/" + $0 }

    struct Case {
        let tag: String
        let seed: UInt32
        let truncation: Truncation
        let noiseMode: NoiseMode
        let files: [String: String]
    }

    func cases(in folder: String) throws -> [Case] {
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/cases.json"))) as? [String: Any])
        return try XCTUnwrap(json["cases"] as? [[String: Any]]).map { item in
            Case(tag: item["tag"] as? String ?? "",
                 seed: UInt32((item["seed"] as? NSNumber)?.int64Value ?? 0),
                 truncation: Truncation(psi: (item["truncation_psi"] as? NSNumber)?.floatValue ?? 1,
                                        cutoff: (item["truncation_cutoff"] as? NSNumber)?.intValue),
                 noiseMode: NoiseMode(rawValue: item["noise_mode"] as? String ?? "const") ?? .const,
                 files: item["files"] as? [String: String] ?? [:])
        }
    }

    func testSeedsMapAndSynthesiseAsTheOfficialGenerators() throws {
        var checkedFolders = 0
        for folder in Self.folders where FileManager.default.fileExists(atPath: folder + "/cases.json") {
            let generator = try Generator.load(path: folder + "/model.safetensors")
            // (The style-mixing case has no seed of its own; the fixture tests cover it from its ws.)
            for item in try cases(in: folder) where item.files["z"] != nil {
                let label = "\((folder as NSString).lastPathComponent) \(item.tag)"
                let z = try NPY.readFloat64(path: folder + "/" + item.files["z"]!)
                XCTAssertEqual(latentZ(seed: item.seed, zDim: generator.spec.zDim), z.values, "z of \(label)")
                let c = try NPY.read(path: folder + "/" + item.files["c"]!).values
                let classIndex = c.firstIndex(of: 1)
                XCTAssertEqual(try generator.classVector(classIndex), c, "c of \(label)")

                let ws = try generator.ws(seed: item.seed, classIndex: classIndex, truncation: item.truncation)
                let wsReference = try NPY.read(path: folder + "/" + item.files["ws"]!)
                XCTAssertEqual(wsReference.shape, [1, ws.numWs, ws.wDim], label)
                let (wsError, wsScale) = maxError(ws.values, wsReference.values)
                XCTAssertLessThanOrEqual(wsError, 1e-5 * max(1, wsScale), "ws of \(label)")

                let image = try generator.synthesize(ws, noiseMode: item.noiseMode)
                let imageReference = try NPY.read(path: folder + "/" + item.files["img"]!)
                XCTAssertEqual([1] + image.shape, imageReference.shape, label)
                let (error, scale) = maxError(image.data, imageReference.values)
                XCTAssertLessThanOrEqual(error, 1e-3 * scale, "image of \(label)")
            }
            checkedFolders += 1
        }
        // The four extra folders are part of the repository and must always be checked.
        XCTAssertGreaterThanOrEqual(checkedFolders, 4)
    }
}

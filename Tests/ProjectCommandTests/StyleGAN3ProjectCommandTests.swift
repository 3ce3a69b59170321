import Foundation
import Projection
import StyleCastIO
import StyleGAN
import XCTest
@testable import stylecast

/// `stylecast project` end to end on the StyleGAN3 (config R) fixture model, with and without
/// `--stabilize`.
final class StyleGAN3ProjectCommandTests: ProjectCommandTestCase {
    override class var fixtureName: String { "sg3-r-32" }

    /// Projects the raw image of seed 100 in W+ for a few steps; returns the saved ws.
    private func project(_ name: String, extra: [String] = []) throws -> [Float] {
        try run(["project", "--model", model, "--target", folder + "/seed0100.raw.npy", "--steps", "8", "--w-avg-samples", "100",
                 "--wplus", "--progress-every", "4", "--out", folder + "/\(name).npy"] + extra)
        let ws = try NPY.read(path: folder + "/\(name).npy")
        XCTAssertEqual(ws.shape, [1, 16, 32])
        return ws.values
    }

    func testProjectStabilizedPinsTheInputRowAndIsDeterministic() throws {
        _ = try rawTarget()
        let generator = try Generator.load(path: model)
        let average = try WStatistics.sampled(from: generator, count: 100).average
        let wDim = 32

        let stabilized = try project("a", extra: ["--stabilize"])
        XCTAssertEqual(try project("b", extra: ["--stabilize"]), stabilized)
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/a.png"), FileManager.default.contents(atPath: folder + "/b.png"))
        // Row 0 (the input transform) stays at the mean w; the layers' rows moved away from it.
        XCTAssertEqual(Array(stabilized[0..<wDim]), average)
        XCTAssertNotEqual(Array(stabilized[wDim..<2 * wDim]), average)

        let free = try project("free")
        XCTAssertNotEqual(Array(free[0..<wDim]), average)
        XCTAssertEqual(Array(free[wDim...]).count, Array(stabilized[wDim...]).count)
        XCTAssertNotEqual(free, stabilized)

        // The written image is what the saved ws render to.
        let image = try generator.synthesize(Latent(numWs: 16, wDim: wDim, values: stabilized))
        XCTAssertEqual(try PNG.read(path: folder + "/a.png"), try ImageConversion.rgba8(image))
    }

    func testNoiseOptimisationIsAClearError() throws {
        _ = try rawTarget()
        XCTAssertThrowsError(try project("w", extra: ["--noise", "optimize"])) {
            XCTAssertTrue(String(describing: $0).hasPrefix("--noise optimize: \(model) is a StyleGAN3 model, which has no noise inputs"), "\($0)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/w.npy"))
    }

    func testProjectionLowersTheLoss() throws {
        _ = try rawTarget()
        let generator = try Generator.load(path: model)
        let target = try ProjectionTarget.raw(NPY.read(path: folder + "/seed0100.raw.npy"), channels: 3, height: 32, width: 32, name: "target")
        let loss = ProjectionLoss(target: target)  // the command's defaults: 4 scales, SSIM weight 0.5
        let average = try WStatistics.sampled(from: generator, count: 100).average
        let start = try generator.synthesize(Latent(numWs: 16, wDim: 32, values: Array((0..<16).map { _ in average }.joined())))
        let end = try generator.synthesize(Latent(numWs: 16, wDim: 32, values: try project("w", extra: ["--steps", "20"])))
        let before = loss.evaluate(start.data).terms.total, after = loss.evaluate(end.data).terms.total
        XCTAssertLessThan(after, 0.9 * before)
    }
}

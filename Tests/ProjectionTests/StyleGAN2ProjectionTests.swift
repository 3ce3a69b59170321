import StyleGAN
import XCTest
@testable import Projection

/// The projector on the StyleGAN2 fixture model, end to end through the library.
final class StyleGAN2ProjectionTests: XCTestCase {
    /// The sg2-skip-32 fixture, its network, and its own image of seed 100 as a target.
    private func fixtureSeed100() throws -> (Generator, StyleGAN2Synthesis, ProjectionTarget) {
        let path = fixturesRoot + "/sg2-skip-32/model.safetensors"
        try XCTSkipUnless(FileManager.default.fileExists(atPath: path), "fixtures not present")
        let generator = try Generator.load(path: path)
        let network = try XCTUnwrap(generator.synthesis as? StyleGAN2Synthesis)
        let image = try generator.synthesize(generator.ws(seed: 100))
        let target = ProjectionTarget(channels: 3, height: 32, width: 32, values: image.data,
                                      pixelWeights: [Float](repeating: 1, count: 32 * 32))
        return (generator, network, target)
    }

    func testShortProjectionOfAFixtureImageImprovesAndIsDeterministic() throws {
        let (generator, network, target) = try fixtureSeed100()
        let statistics = try WStatistics.sampled(from: generator, count: 200)
        var options = ProjectorOptions(schedule: ProjectionSchedule(steps: 40))
        options.optimizeNoise = false
        options.progressInterval = 10
        let projector = try Projector(network: network, loss: ProjectionLoss(target: target), statistics: statistics, options: options)
        var reports: [ProjectionProgress] = []
        let first = projector.run(start: statistics.average) { reports.append($0) }
        let second = projector.run(start: statistics.average)
        XCTAssertEqual(first.ws.map { $0.bitPattern }, second.ws.map { $0.bitPattern })
        let startQuality = ImageQuality(image: network.synthesize(ws: Latent(broadcasting: statistics.average, numWs: network.numWs).values,
                                                                  noiseMode: .const, noiseSeed: 0).data, target: target)
        let endQuality = ImageQuality(image: network.synthesize(ws: first.ws, noiseMode: .const, noiseSeed: 0).data, target: target)
        XCTAssertGreaterThan(endQuality.psnr, startQuality.psnr + 3, "start \(startQuality.description), end \(endQuality.description)")
        XCTAssertLessThan(reports.last!.loss, reports.first!.loss)
    }

    /// W+ has every freedom W has, so an in-domain target (the fixture's own seed 100) must fit
    /// well: with every row free at the full rate from the start it ended at 14 dB after 500 steps,
    /// where W reaches 89 dB; with the shared w plus late, slower row offsets it reaches 54 dB.
    func testWPlusFitsAnInDomainTargetAboutAsWellAsW() throws {
        let (generator, network, target) = try fixtureSeed100()
        let statistics = try WStatistics.sampled(from: generator, count: 1000)
        var options = ProjectorOptions(schedule: ProjectionSchedule(steps: 500))
        options.wPlus = true
        let projector = try Projector(network: network, loss: ProjectionLoss(target: target), statistics: statistics, options: options)
        let result = projector.run(start: statistics.average)
        let rows = (0..<network.numWs).map { result.ws[$0 * network.wDim ..< ($0 + 1) * network.wDim] }
        XCTAssertTrue(rows.contains { $0 != rows[0] }, "the rows moved apart: this was a W+ search")
        let quality = ImageQuality(image: network.synthesize(ws: result.ws, noiseMode: .const, noiseSeed: 0).data, target: target)
        XCTAssertGreaterThan(quality.psnr, 40, quality.description)
    }

    /// A non-square model (48 high, 36 wide; noise buffers 12x9 ... 48x36, RGBA) projects with
    /// its noise optimised: the odd-sided noise is pooled for the penalty without a crash.
    func testNonSquareProjectionWithOptimisedNoiseImproves() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        let generator = try Generator.load(path: url.appendingPathComponent("Resources/official/sg2-skip-48x36-rgba/model.safetensors").path)
        let network = try XCTUnwrap(generator.synthesis as? StyleGAN2Synthesis)
        XCTAssertEqual(network.noiseShapes.map { [$0.height, $0.width] }, [[12, 9], [24, 18], [24, 18], [48, 36], [48, 36]])
        let image = try generator.synthesize(generator.ws(seed: 100))
        let target = ProjectionTarget(channels: 4, height: 48, width: 36, values: image.data,
                                      pixelWeights: [Float](repeating: 1, count: 48 * 36))
        let statistics = try WStatistics.sampled(from: generator, count: 200)
        var options = ProjectorOptions(schedule: ProjectionSchedule(steps: 40))
        options.optimizeNoise = true
        options.progressInterval = 10
        let projector = try Projector(network: network, loss: ProjectionLoss(target: target), statistics: statistics, options: options)
        var reports: [ProjectionProgress] = []
        let result = projector.run(start: statistics.average) { reports.append($0) }
        XCTAssertEqual(result.ws.count, network.numWs * network.wDim)
        XCTAssertTrue(result.ws.allSatisfy(\.isFinite))
        XCTAssertLessThan(reports.last!.image.total, reports.first!.image.total)
    }

    func testWStatisticsUseTheOfficialSamples() throws {
        let path = fixturesRoot + "/sg2-skip-32/model.safetensors"
        try XCTSkipUnless(FileManager.default.fileExists(atPath: path), "fixtures not present")
        let generator = try Generator.load(path: path)
        // RandomState(123).randn(2, z_dim): two rows drawn one after the other.
        var random = NumpyRandom(seed: 123)
        let zs = random.standardNormal(count: 2 * generator.spec.zDim)
        let ws = try (0..<2).map { i in
            Array(try generator.mapping(z: Array(zs[i * generator.spec.zDim ..< (i + 1) * generator.spec.zDim]), c: []).row(0))
        }
        let statistics = try WStatistics.sampled(from: generator, count: 2)
        for j in 0..<generator.spec.wDim {
            XCTAssertEqual(statistics.average[j], (ws[0][j] + ws[1][j]) / 2, accuracy: 1e-5)
        }
        // Each sample lies |a - b| / 2 from the mean, so the mean squared distance is |a - b|^2 / 4.
        let spread = zip(ws[0], ws[1]).reduce(Float(0)) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / 4
        XCTAssertEqual(statistics.standardDeviation, spread.squareRoot(), accuracy: 1e-4)
    }
}

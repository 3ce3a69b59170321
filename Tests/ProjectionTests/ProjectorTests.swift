import StyleGAN
import XCTest
@testable import Projection

final class ProjectorTests: XCTestCase {
    private let network = ToySynthesis(channels: 3)

    /// W statistics of the toy: its "mapping" is a plain standard normal w.
    private var statistics: WStatistics {
        var random = NumpyRandom(seed: 1234)
        return WStatistics.estimate(count: 2000) { _ in random.floatGaussians(count: 4) }
    }

    private func target(for ws: [Float]) -> ProjectionTarget {
        let image = network.synthesize(ws: ws, noiseMode: .const, noiseSeed: 0)
        return ProjectionTarget(channels: 3, height: network.imageHeight, width: network.imageWidth,
                                values: image.data, pixelWeights: [Float](repeating: 1, count: network.imageHeight * network.imageWidth))
    }

    private func gaussian(seed: UInt32, count: Int) -> [Float] {
        var random = NumpyRandom(seed: seed)
        return random.floatGaussians(count: count)
    }

    private func psnr(_ a: [Float], _ b: [Float]) -> Double {
        let mse = zip(a, b).reduce(0.0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) } / Double(a.count)
        return 10 * log10(4 / mse) // data range 2
    }

    private func project(_ target: ProjectionTarget, configure: (inout ProjectorOptions) -> Void) throws
        -> (result: ProjectionResult, reports: [ProjectionProgress]) {
        var options = ProjectorOptions(schedule: ProjectionSchedule(steps: 300))
        options.progressInterval = 50
        configure(&options)
        let projector = try Projector(network: network, loss: ProjectionLoss(target: target), statistics: statistics, options: options)
        var reports: [ProjectionProgress] = []
        let result = projector.run(start: statistics.average) { reports.append($0) }
        return (result, reports)
    }

    func testWPlusProjectionRecoversAnImageFromKnownWs() throws {
        let known = gaussian(seed: 77, count: 12)
        let target = target(for: known)
        let start = network.synthesize(ws: [Float]((0..<3).map { _ in statistics.average }.joined()), noiseMode: .const, noiseSeed: 0)
        let (result, reports) = try project(target) { $0.wPlus = true; $0.optimizeNoise = false }
        let recovered = network.synthesize(ws: result.ws, noiseMode: .const, noiseSeed: 0)
        XCTAssertGreaterThan(psnr(recovered.data, target.values), 35, "start was \(psnr(start.data, target.values)) dB")
        XCTAssertEqual(reports.map { $0.step }, [50, 100, 150, 200, 250, 300])
        XCTAssertLessThan(reports.last!.loss, reports.first!.loss)
        XCTAssertEqual(reports.last!.line.prefix(14), "step 300/300: ")
    }

    func testWProjectionRecoversImagesOfSharedWsOfSeeds100To104() throws {
        for seed in UInt32(100)...104 {
            let w = gaussian(seed: seed, count: 4)
            let target = target(for: [Float]((0..<3).map { _ in w }.joined()))
            let (result, _) = try project(target) { $0.optimizeNoise = false }
            let rows = (0..<3).map { Array(result.ws[$0 * 4 ..< $0 * 4 + 4]) }
            XCTAssertEqual(rows[0], rows[1], "seed \(seed): W rows must stay shared")
            XCTAssertEqual(rows[0], rows[2], "seed \(seed): W rows must stay shared")
            let recovered = network.synthesize(ws: result.ws, noiseMode: .const, noiseSeed: 0)
            XCTAssertGreaterThan(psnr(recovered.data, target.values), 50, "seed \(seed)")
        }
    }

    func testSameSeedGivesIdenticalResultsAndOtherSeedsDiffer() throws {
        let target = target(for: gaussian(seed: 79, count: 12))
        let first = try project(target) { $0.seed = 5; $0.wPlus = true; $0.optimizeNoise = true }
        let second = try project(target) { $0.seed = 5; $0.wPlus = true; $0.optimizeNoise = true }
        let other = try project(target) { $0.seed = 6; $0.wPlus = true; $0.optimizeNoise = true }
        XCTAssertEqual(first.result.ws.map { $0.bitPattern }, second.result.ws.map { $0.bitPattern })
        XCTAssertEqual(first.result.noise, second.result.noise)
        XCTAssertNotEqual(first.result.ws, other.result.ws)
    }

    func testOptimisedNoiseStaysNormalisedAndHelpsTheFit() throws {
        let target = target(for: gaussian(seed: 80, count: 12))
        let (result, reports) = try project(target) { $0.wPlus = true; $0.optimizeNoise = true }
        for buffer in result.noise {
            let mean = buffer.reduce(0.0) { $0 + Double($1) } / Double(buffer.count)
            let meanSquare = buffer.reduce(0.0) { $0 + Double($1 * $1) } / Double(buffer.count)
            XCTAssertEqual(mean, 0, accuracy: 1e-5)
            XCTAssertEqual(meanSquare, 1, accuracy: 1e-4)
        }
        XCTAssertLessThan(reports.last!.image.total, reports.first!.image.total)
        XCTAssertGreaterThan(reports.last!.noisePenalty, 0)
    }

    func testPinnedRowsStayAtTheAverageW() throws {
        let target = target(for: gaussian(seed: 81, count: 12))
        let (result, _) = try project(target) { $0.wPlus = true; $0.pinnedRows = [0] }
        XCTAssertEqual(Array(result.ws[0..<4]), statistics.average)
        XCTAssertNotEqual(Array(result.ws[4..<8]), statistics.average)
    }

    func testMismatchedTargetAndBadOptionsAreClearErrors() {
        let small = ProjectionTarget(channels: 3, height: 8, width: 8, values: [Float](repeating: 0, count: 192),
                                     pixelWeights: [Float](repeating: 1, count: 64))
        XCTAssertThrowsError(try Projector(network: network, loss: ProjectionLoss(target: small), statistics: statistics,
                                           options: ProjectorOptions(schedule: ProjectionSchedule(steps: 10)))) {
            XCTAssertEqual(String(describing: $0), "target: is 3x8x8 but the model makes 3x16x16 images")
        }
        var options = ProjectorOptions(schedule: ProjectionSchedule(steps: 0))
        XCTAssertThrowsError(try Projector(network: network, loss: ProjectionLoss(target: target(for: [Float](repeating: 0, count: 12))),
                                           statistics: statistics, options: options))
        options.schedule.steps = 5
        options.pinnedRows = [3]
        XCTAssertThrowsError(try Projector(network: network, loss: ProjectionLoss(target: target(for: [Float](repeating: 0, count: 12))),
                                           statistics: statistics, options: options))
    }

    func testWProjectionFromAMixedStartKeepsEachRowsOffsetAndFindsTheSharedW() throws {
        // A target whose rows are one w plus fixed offsets (a style mix of a W latent): W with
        // those offsets can reach it exactly, plain W cannot.
        let w = gaussian(seed: 5, count: 4), offsets = gaussian(seed: 6, count: 12).map { $0 * 0.5 }
        let target = target(for: (0..<12).map { w[$0 % 4] + offsets[$0] })
        var options = ProjectorOptions(schedule: ProjectionSchedule(steps: 300))
        options.progressInterval = 300
        let projector = try Projector(network: network, loss: ProjectionLoss(target: target), statistics: statistics, options: options)
        let result = projector.run(start: statistics.average, rowOffsets: offsets)
        let shared = Array(result.ws[0..<4]).enumerated().map { $1 - offsets[$0] }
        for index in 0..<12 { XCTAssertEqual(result.ws[index] - shared[index % 4], offsets[index], accuracy: 1e-5) }
        let recovered = network.synthesize(ws: result.ws, noiseMode: .const, noiseSeed: 0)
        let plain = projector.run(start: statistics.average)
        let plainImage = network.synthesize(ws: plain.ws, noiseMode: .const, noiseSeed: 0)
        XCTAssertGreaterThan(psnr(recovered.data, target.values), 35)
        XCTAssertGreaterThan(psnr(recovered.data, target.values), psnr(plainImage.data, target.values) + 5)
    }
}

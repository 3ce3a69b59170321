import XCTest
@testable import Projection
import StyleGAN

final class LossGradientTests: XCTestCase {
    /// 34 wide, 36 high: the second pooled scale (17 x 18) has an odd width, so a column is dropped.
    let channels = 3, height = 36, width = 34

    private func partlyTransparentWeights() -> [Float] {
        (0..<height * width).map { i in
            let x = i % width
            return x < 8 ? 0 : x < 12 ? Float(x - 7) / 5 : 1
        }
    }

    func testPixelLossGradientWithMask() {
        let target = randomValues(channels * height * width, seed: 1)
        let image = randomValues(channels * height * width, seed: 2)
        let loss = MultiScalePixelLoss(target: target, pixelWeights: partlyTransparentWeights(),
                                       channels: channels, height: height, width: width, scales: 4)
        XCTAssertEqual(loss.scaleCount, 3, "36x34 -> 18x17 -> 9x8, then the short side would drop under 8")
        let gradient = loss.evaluate(image).gradient
        assertGradientMatchesFiniteDifferences(at: image, analytic: gradient) { Double(loss.evaluate($0).value) }
    }

    func testPixelLossIgnoresTransparentPixels() {
        let weights = partlyTransparentWeights()
        let target = randomValues(channels * height * width, seed: 1)
        var image = target
        let loss = MultiScalePixelLoss(target: target, pixelWeights: weights, channels: channels,
                                       height: height, width: width, scales: 1)
        for c in 0..<channels { for y in 0..<height { for x in 0..<8 { image[(c * height + y) * width + x] = 5 } } }
        XCTAssertEqual(loss.evaluate(image).value, 0, accuracy: 1e-7)
        image[20] += 1 // x = 20: opaque
        XCTAssertGreaterThan(loss.evaluate(image).value, 0)
    }

    func testStructuralSimilarityGradientWithMask() throws {
        let target = randomValues(channels * height * width, seed: 3)
        let image = zip(target, randomValues(target.count, seed: 4)).map { 0.7 * $0 + 0.3 * $1 }
        let ssim = try XCTUnwrap(StructuralSimilarity(target: target, pixelWeights: partlyTransparentWeights(),
                                                      channels: channels, height: height, width: width))
        let gradient = ssim.evaluate(image).gradient
        assertGradientMatchesFiniteDifferences(at: image, analytic: gradient, step: 2e-3) { Double(ssim.evaluate($0).ssim) }
    }

    func testStructuralSimilarityMatchesDirectDefinition() throws {
        let h = 14, w = 13
        let target = randomValues(h * w, seed: 7)
        let image = randomValues(h * w, seed: 8, in: -0.5...0.9)
        let ssim = try XCTUnwrap(StructuralSimilarity(target: target, pixelWeights: [Float](repeating: 1, count: h * w),
                                                      channels: 1, height: h, width: w))
        // Straight from the definition, with a 2D window, in Double.
        let sigma = 1.5
        let g1 = (0..<11).map { exp(-Double(($0 - 5) * ($0 - 5)) / (2 * sigma * sigma)) }
        let norm = g1.reduce(0, +)
        var total = 0.0
        for y in 0...(h - 11) {
            for x in 0...(w - 11) {
                var mx = 0.0, my = 0.0, xx = 0.0, yy = 0.0, xy = 0.0
                for i in 0..<11 {
                    for j in 0..<11 {
                        let g = g1[i] * g1[j] / (norm * norm)
                        let a = Double(image[(y + i) * w + x + j]), b = Double(target[(y + i) * w + x + j])
                        mx += g * a; my += g * b; xx += g * a * a; yy += g * b * b; xy += g * a * b
                    }
                }
                let c1 = 0.02 * 0.02, c2 = 0.06 * 0.06
                total += (2 * mx * my + c1) * (2 * (xy - mx * my) + c2)
                    / ((mx * mx + my * my + c1) * (xx - mx * mx + yy - my * my + c2))
            }
        }
        let expected = total / Double((h - 10) * (w - 10))
        XCTAssertEqual(Double(ssim.evaluate(image).ssim), expected, accuracy: 1e-5)
        XCTAssertEqual(ssim.evaluate(target).ssim, 1, accuracy: 1e-5)
    }

    func testCombinedLossIsZeroWithZeroGradientAtTheTarget() {
        let values = randomValues(channels * height * width, seed: 9)
        let target = ProjectionTarget(channels: channels, height: height, width: width, values: values,
                                      pixelWeights: [Float](repeating: 1, count: height * width))
        let loss = ProjectionLoss(target: target)
        let (terms, gradient) = loss.evaluate(values)
        XCTAssertEqual(terms.total, 0, accuracy: 1e-5)
        XCTAssertLessThan(gradient.map { abs($0) }.max()!, 1e-4)
        let image = randomValues(values.count, seed: 10)
        let moved = loss.evaluate(image)
        XCTAssertGreaterThan(moved.terms.total, 0.1)
        assertGradientMatchesFiniteDifferences(at: image, analytic: moved.gradient) { Double(loss.evaluate($0).terms.total) }
    }

    func testNoisePenaltyOfACheckerboardIsTwo() {
        // Every pixel is the negative of its right and lower neighbours: each mean is -1.
        let checker = (0..<64).map { Float(($0 % 8 + $0 / 8) % 2 == 0 ? 1 : -1) }
        let value = NoiseRegularizer.evaluate([checker], shapes: [NoiseShape(height: 8, width: 8)]).value
        XCTAssertEqual(value, 2, accuracy: 1e-6)
    }

    func testNoisePenaltyGradientAcrossScales() {
        let shapes = [NoiseShape(height: 32, width: 32), NoiseShape(height: 8, width: 8)]
        // Correlated noise, so the penalty is far from its minimum.
        let raw = randomValues(32 * 32, seed: 11)
        let smooth = (0..<32 * 32).map { i in 0.5 * (raw[i] + raw[(i + 1) % raw.count]) + 0.3 }
        let buffers = [smooth, randomValues(64, seed: 12)]
        let (value, gradients) = NoiseRegularizer.evaluate(buffers, shapes: shapes)
        XCTAssertGreaterThan(value, 0.01)
        assertGradientMatchesFiniteDifferences(at: buffers[0], analytic: gradients[0], step: 1e-2) {
            Double(NoiseRegularizer.evaluate([$0, buffers[1]], shapes: shapes).value)
        }
    }

    /// The face and sprite models' noise: odd sides (9, 9 -> 4 pooled) drop their last row and
    /// column when pooled, which must pass no gradient back, and height != width.
    func testNoisePenaltyGradientOnOddAndNonSquareBuffers() {
        for shape in [NoiseShape(height: 18, width: 18), NoiseShape(height: 24, width: 18), NoiseShape(height: 9, width: 9)] {
            let raw = randomValues(shape.count, seed: 13)
            let smooth = (0..<shape.count).map { i in 0.5 * (raw[i] + raw[(i + 1) % raw.count]) + 0.3 }
            let (value, gradients) = NoiseRegularizer.evaluate([smooth], shapes: [shape])
            XCTAssertGreaterThan(value, 0.01)
            assertGradientMatchesFiniteDifferences(at: smooth, analytic: gradients[0], step: 1e-2) {
                Double(NoiseRegularizer.evaluate([$0], shapes: [shape]).value)
            }
        }
    }
}

import StyleCastIO
import XCTest
@testable import Projection

final class TargetPreparationTests: XCTestCase {
    private func image(width: Int, height: Int, _ pixel: (Int, Int) -> (UInt8, UInt8, UInt8, UInt8)) -> RGBAImage {
        var out = RGBAImage(width: width, height: height)
        for y in 0..<height { for x in 0..<width { let p = pixel(x, y); out[x, y] = (p.0, p.1, p.2, p.3) } }
        return out
    }

    func testSameSizeOpaqueImageIsCopiedExactly() throws {
        let source = image(width: 12, height: 12) { x, y in (UInt8(x * 20), UInt8(y * 20), 128, 255) }
        let target = try ProjectionTarget.prepare(source, channels: 3, height: 12, width: 12, name: "t.png")
        for y in 0..<12 {
            for x in 0..<12 {
                XCTAssertEqual(target.values[y * 12 + x], Float(x * 20) / 255 * 2 - 1, accuracy: 1e-5)
                XCTAssertEqual(target.values[144 + y * 12 + x], Float(y * 20) / 255 * 2 - 1, accuracy: 1e-5)
            }
        }
        XCTAssertTrue(target.pixelWeights.allSatisfy { abs($0 - 1) < 1e-6 })
    }

    func testWideImageIsScaledToCoverAndCentreCropped() throws {
        // 80 x 40: red | green (the middle 40 columns) | blue. Scaled by 1/2 to 40 x 20, the
        // centre 20 x 20 crop is all green.
        let source = image(width: 80, height: 40) { x, _ in x < 20 ? (255, 0, 0, 255) : x < 60 ? (0, 255, 0, 255) : (0, 0, 255, 255) }
        let target = try ProjectionTarget.prepare(source, channels: 3, height: 20, width: 20, name: "wide.png")
        for y in 0..<20 {
            for x in 3..<17 { // shrinking 2x widens the kernel to 3 output pixels each side of the colour edges
                XCTAssertEqual(target.values[y * 20 + x], -1, accuracy: 1e-3, "red at \(x),\(y)")
                XCTAssertEqual(target.values[400 + y * 20 + x], 1, accuracy: 1e-3, "green at \(x),\(y)")
            }
        }
    }

    func testShrinkingAveragesInsteadOfAliasing() throws {
        // A one-pixel checkerboard shrunk 4x must come out flat grey, not a moire pattern.
        let source = image(width: 64, height: 64) { x, y in (x + y) % 2 == 0 ? (255, 255, 255, 255) : (0, 0, 0, 255) }
        let target = try ProjectionTarget.prepare(source, channels: 1, height: 16, width: 16, name: "checker.png")
        for value in target.values { XCTAssertEqual(value, 0, accuracy: 0.02) }
    }

    func testAlphaBecomesWeightsAndHiddenColourDoesNotBleed() throws {
        // Left half transparent but red underneath, right half opaque blue.
        let source = image(width: 32, height: 32) { x, _ in x < 16 ? (255, 0, 0, 0) : (0, 0, 255, 255) }
        let target = try ProjectionTarget.prepare(source, channels: 3, height: 16, width: 16, name: "sprite.png")
        for y in 0..<16 {
            XCTAssertEqual(target.pixelWeights[y * 16 + 2], 0, accuracy: 1e-6)
            XCTAssertEqual(target.pixelWeights[y * 16 + 13], 1, accuracy: 1e-6)
            for x in 0..<16 where target.pixelWeights[y * 16 + x] > 0.01 {
                XCTAssertEqual(target.values[y * 16 + x], -1, accuracy: 1e-3, "no red at \(x),\(y)")
                XCTAssertEqual(target.values[512 + y * 16 + x], 1, accuracy: 1e-3, "blue at \(x),\(y)")
            }
        }
    }

    func testRGBAModelMatchesAlphaAsAChannel() throws {
        let source = image(width: 8, height: 8) { x, _ in (0, 0, 0, x < 4 ? 0 : 255) }
        let target = try ProjectionTarget.prepare(source, channels: 4, height: 8, width: 8, name: "rgba.png")
        XCTAssertEqual(target.values[3 * 64 + 0], -1, accuracy: 1e-5)
        XCTAssertEqual(target.values[3 * 64 + 7], 1, accuracy: 1e-5)
        XCTAssertTrue(target.pixelWeights.allSatisfy { $0 == 1 })
    }

    func testUnusableTargetsAreClearErrors() {
        XCTAssertThrowsError(try ProjectionTarget.prepare(RGBAImage(width: 0, height: 0), channels: 3, height: 8, width: 8, name: "empty.png")) {
            XCTAssertEqual(String(describing: $0), "empty.png: the target image is empty")
        }
        XCTAssertThrowsError(try ProjectionTarget.prepare(RGBAImage(width: 8, height: 8), channels: 3, height: 8, width: 8, name: "clear.png")) {
            XCTAssertTrue(String(describing: $0).hasPrefix("clear.png: the target is fully transparent"))
        }
        XCTAssertThrowsError(try ProjectionTarget.prepare(RGBAImage(width: 8, height: 8), channels: 2, height: 8, width: 8, name: "x.png"))
    }
}

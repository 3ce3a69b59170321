import ArtQuality
import StyleCastArt
import StyleCastIO
import XCTest

final class ImageComparisonTests: XCTestCase {
    func testPSNRFollowsItsDefinition() {
        let a = RGBAImage(width: 2, height: 1, pixels: [10, 20, 30, 255, 0, 0, 0, 0])
        XCTAssertEqual(ImageComparison.psnr(a, a), .infinity)
        // One channel off by 5 over 8 values: MSE 25 / 8.
        let b = RGBAImage(width: 2, height: 1, pixels: [15, 20, 30, 255, 0, 0, 0, 0])
        XCTAssertEqual(ImageComparison.psnr(a, b), 10 * log10(255 * 255 / (25.0 / 8)), accuracy: 1e-9)
        // The colour of a fully transparent pixel is invisible and does not count.
        let c = RGBAImage(width: 2, height: 1, pixels: [10, 20, 30, 255, 99, 99, 99, 0])
        XCTAssertEqual(ImageComparison.psnr(a, c), .infinity)
    }

    func testSilhouetteIoU() {
        var a = RGBAImage(width: 4, height: 1), b = RGBAImage(width: 4, height: 1)
        XCTAssertEqual(ImageComparison.silhouetteIoU(a, b), 1, "two empty images have the same silhouette")
        for x in 0..<3 { a[x, 0] = (0, 0, 0, 255) }
        for x in 1..<4 { b[x, 0] = (0, 0, 0, 128) }
        b[0, 0] = (0, 0, 0, 127)
        XCTAssertEqual(ImageComparison.silhouetteIoU(a, b), 2.0 / 4.0)
    }

    func testRendererAgainstItselfAndAnotherCharacter() {
        let a = WalkSheet.render(sampleAttributes(seed: 1)), b = WalkSheet.render(sampleAttributes(seed: 2))
        XCTAssertEqual(ImageComparison.psnr(a, a), .infinity)
        XCTAssertEqual(ImageComparison.silhouetteIoU(a, a), 1)
        XCTAssertLessThan(ImageComparison.psnr(a, b), 25)
    }

    func testAnExpressionChangeLiesInTheExpressionRegion() {
        for seed: UInt64 in [3, 14, 15, 92, 65] {
            var attributes = sampleAttributes(seed: seed)
            let before = FacePortrait.render(attributes)
            attributes.expression.expression = attributes.expression.expression == .angry ? .happy : .angry
            let change = RegionChange(from: before, to: FacePortrait.render(attributes),
                                      region: FacePortrait.expressionRegion(headTurn: attributes.expression.headTurn))
            XCTAssertEqual(change.insideShare, 1, "seed \(seed)")
            // The same change measured against a region elsewhere lies wholly outside it.
            let elsewhere = RegionChange(from: before, to: FacePortrait.render(attributes), region: (0, 0, 20, 20))
            XCTAssertEqual(elsewhere.insideShare, 0, "seed \(seed)")
        }
        let face = FacePortrait.render(sampleAttributes(seed: 1))
        XCTAssertNil(RegionChange(from: face, to: face, region: (0, 0, 10, 10)).insideShare)
    }

    func testComponentsAreLabelledInScanOrder() {
        // Two diagonal neighbours are one 8-connected piece but two 4-connected ones.
        let mask = [true, false, false,
                    false, true, false,
                    false, false, true]
        XCTAssertEqual(PixelComponents(mask: mask, width: 3, height: 3).sizes, [3])
        let four = PixelComponents(mask: mask, width: 3, height: 3, connectivity: .four)
        XCTAssertEqual(four.sizes, [1, 1, 1])
        XCTAssertEqual(four.labels, [0, -1, -1, -1, 1, -1, -1, -1, 2])
    }
}

import ArtQuality
import CastImaging
import RPGMakerFormat
import StyleCastArt
import StyleCastIO
import XCTest

final class SpriteCleanupTests: XCTestCase {
    let seeds: [UInt64] = [3, 41, 977, 5_003, 70_001, 123_457]

    func testADegradedSheetComesBackGameReady() {
        for seed in seeds {
            let original = WalkSheet.render(sampleAttributes(seed: seed))
            let damaged = SheetDamage.degrade(original, seed: seed)
            XCTAssertFalse(CleanSheetCheck.check(damaged).isClean, "seed \(seed): the damage should be visible to the check")
            let cleaned = SpriteCleanup.clean(damaged)
            XCTAssertEqual(CleanSheetCheck.check(cleaned), .clean, "seed \(seed)")
            XCTAssertTrue(cleaned.pixels.enumerated().allSatisfy { $0.offset % 4 != 3 || $0.element == 0 || $0.element == 255 },
                          "seed \(seed): alpha must be 0 or 255")
            XCTAssertLessThanOrEqual(cleaned.distinctVisibleColours, SpriteCleanup.Options().maxColours, "seed \(seed)")
            for facing in Facing.allCases {
                for pattern in 0..<WalkSheet.patterns {
                    let frame = WalkSheet.frame(of: cleaned, facing: facing, pattern: pattern)
                    XCTAssertEqual(Silhouette(frame).components.count, 1, "seed \(seed) \(facing) \(pattern)")
                }
            }
            // It is still the same character: the shape and colours come back close to the renderer's.
            XCTAssertGreaterThan(ImageComparison.silhouetteIoU(cleaned, original), 0.95, "seed \(seed)")
            XCTAssertGreaterThan(ImageComparison.psnr(cleaned, original), ImageComparison.psnr(damaged, original), "seed \(seed)")
        }
    }

    func testCleaningIsDeterministic() throws {
        let damaged = SheetDamage.degrade(WalkSheet.render(sampleAttributes(seed: 8)), seed: 8)
        XCTAssertEqual(try PNG.encode(SpriteCleanup.clean(damaged)), try PNG.encode(SpriteCleanup.clean(damaged)))
    }

    func testACleanRenderedSheetStaysAsItIs() {
        for seed in seeds {
            let sheet = WalkSheet.render(sampleAttributes(seed: seed))
            let cleaned = SpriteCleanup.clean(sheet)
            XCTAssertEqual(cleaned.differingPixels(from: sheet), [], "seed \(seed)")
        }
    }

    func testThePaletteLimitHolds() {
        var options = SpriteCleanup.Options()
        options.maxColours = 8
        let damaged = SheetDamage.degrade(WalkSheet.render(sampleAttributes(seed: 12)), seed: 12)
        XCTAssertGreaterThan(damaged.distinctVisibleColours, 100)
        XCTAssertLessThanOrEqual(SpriteCleanup.clean(damaged, options: options).distinctVisibleColours, 8)
        options.maxColours = 0
        XCTAssertEqual(SpriteCleanup.clean(damaged, options: options).distinctVisibleColours, 1, "below 1 counts as 1")
    }

    /// A detached piece bigger than a speck is kept as a real part; a speck goes.
    func testSpecksGoButRealPiecesStay() {
        var sheet = WalkSheet.render(sampleAttributes(seed: 5))
        let origin = WalkSheet.frameOrigin(facing: .up, pattern: 0)
        let red: (r: UInt8, g: UInt8, b: UInt8, a: UInt8) = (200, 30, 30, 255)
        for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1), (2, 0), (2, 1)] { sheet[origin.x + 2 + dx, origin.y + 2 + dy] = red }
        sheet[origin.x + 44, origin.y + 3] = red
        sheet[origin.x + 40, origin.y + 8] = red
        sheet[origin.x + 41, origin.y + 9] = red
        let cleaned = SpriteCleanup.clean(sheet)
        XCTAssertEqual(cleaned[origin.x + 2, origin.y + 2].a, 255, "a six-pixel piece is not a speck")
        XCTAssertEqual(cleaned[origin.x + 44, origin.y + 3].a, 0, "a single pixel is a speck")
        XCTAssertEqual(cleaned[origin.x + 40, origin.y + 8].a, 0, "two diagonal pixels are one speck")
        var options = SpriteCleanup.Options()
        options.minComponentPixels = 7
        XCTAssertEqual(SpriteCleanup.clean(sheet, options: options)[origin.x + 2, origin.y + 2].a, 0)
    }
}

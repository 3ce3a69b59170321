import ArtQuality
import StyleCastArt
import StyleCastIO
import XCTest

final class CleanCheckTests: XCTestCase {
    let seeds: [UInt64] = (0..<50).map { $0 * 104_729 + 17 }

    func testEveryRenderedSheetAndPortraitIsClean() {
        for seed in seeds {
            let attributes = sampleAttributes(seed: seed)
            XCTAssertEqual(CleanSheetCheck.check(WalkSheet.render(attributes)), .clean, "seed \(seed)")
            XCTAssertEqual(CleanFaceCheck.check(FacePortrait.render(attributes)), .clean, "seed \(seed)")
        }
    }

    func testASpeckFailsTheSheetAndNamesTheFrame() {
        let sheet = WalkSheet.render(sampleAttributes(seed: 4))
        let outcome = CleanSheetCheck.check(DamagedArt.speck(sheet, facing: .right, pattern: 2))
        XCTAssertFalse(outcome.isClean)
        XCTAssertTrue(outcome.reason!.contains("frame right pattern 2"), outcome.reason!)
        XCTAssertTrue(outcome.reason!.contains("stray pieces of 1 px"), outcome.reason!)
        // Many specks are summed up, not all listed.
        var noisy = sheet
        for i in 0..<7 { noisy[2 + 2 * i, 2] = DamagedArt.opaqueRed }
        XCTAssertTrue(CleanSheetCheck.check(noisy).reason?.hasSuffix("8 separate pieces: a figure of \(Silhouette(WalkSheet.frame(of: sheet, facing: .down, pattern: 0)).pixelCount) px and stray pieces of 1, 1, 1, 1, 1 and 2 more px") ?? false,
                      "\(CleanSheetCheck.check(noisy))")
    }

    func testAFigureOffTheBaselineFails() {
        let sheet = WalkSheet.render(sampleAttributes(seed: 9))
        XCTAssertEqual(CleanSheetCheck.check(DamagedArt.lifted(sheet, facing: .down, pattern: 0, rows: 1)), .clean,
                       "one row off is within the tolerance")
        let outcome = CleanSheetCheck.check(DamagedArt.lifted(sheet, facing: .down, pattern: 0, rows: 3))
        XCTAssertTrue(outcome.reason?.contains("not on the baseline row 45") ?? false, "\(outcome)")
    }

    func testSoftAlphaAndTooManyColoursFail() {
        let sheet = WalkSheet.render(sampleAttributes(seed: 21))
        XCTAssertTrue(CleanSheetCheck.check(DamagedArt.faded(sheet, alpha: 200)).reason?.contains("semi-transparent") ?? false)
        XCTAssertTrue(CleanSheetCheck.check(DamagedArt.rainbow(sheet)).reason?.contains("distinct colours") ?? false)
    }

    func testEmptyFramesAndWrongSizesFail() {
        let sheet = WalkSheet.render(sampleAttributes(seed: 2))
        XCTAssertEqual(CleanSheetCheck.check(DamagedArt.lifted(sheet, facing: .up, pattern: 1, rows: 48)),
                       .failed("frame up pattern 1: empty"))
        XCTAssertFalse(CleanSheetCheck.check(RGBAImage(width: 48, height: 48)).isClean)
        XCTAssertFalse(CleanFaceCheck.check(sheet).isClean)
    }

    func testAPortraitWithASpeckOrCutAboveTheBottomFails() {
        let face = FacePortrait.render(sampleAttributes(seed: 33))
        var speck = face
        speck[1, 1] = DamagedArt.opaqueRed
        XCTAssertTrue(CleanFaceCheck.check(speck).reason?.contains("stray pieces of 1 px") ?? false)
        var cut = face
        cut.paste(RGBAImage(width: 144, height: 10), x: 0, y: 134)
        XCTAssertTrue(CleanFaceCheck.check(cut).reason?.contains("bottom edge") ?? false)
        XCTAssertEqual(CleanFaceCheck.check(RGBAImage(width: 144, height: 144)), .failed("the portrait is empty"))
    }
}

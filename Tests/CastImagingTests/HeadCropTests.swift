import ArtQuality
import CastImaging
import StyleCastArt
import StyleCastIO
import XCTest

final class HeadCropTests: XCTestCase {
    let seeds: [UInt64] = (0..<24).map { $0 * 7_919 + 11 }

    /// Share of the visible pixels whose nearest character colour is skin or hair.
    func headColourShare(_ image: RGBAImage, _ attributes: CharacterAttributes) -> Double {
        let palette = CharacterPalette(attributes.colours)
        let all = palette.colours.sorted { $0.description < $1.description }
        let head: Set<RGB> = [palette.skin.light, palette.skin.shade, palette.hair.light, palette.hair.shade]
        var visible = 0, onHead = 0
        for y in 0..<image.height {
            for x in 0..<image.width where image[x, y].a >= 128 {
                let p = image[x, y]
                func distance(_ c: RGB) -> Int {
                    let dr = Int(c.r) - Int(p.r), dg = Int(c.g) - Int(p.g), db = Int(c.b) - Int(p.b)
                    return dr * dr + dg * dg + db * db
                }
                visible += 1
                if head.contains(all.min { distance($0) < distance($1) }!) { onHead += 1 }
            }
        }
        return Double(onHead) / Double(max(visible, 1))
    }

    /// The crop is framed like the character's own portrait: the outlines overlap and skin and
    /// hair take as much of it.
    func testTheCropLandsOnTheHeadAsThePortraitFramesIt() throws {
        for seed in seeds {
            let attributes = sampleAttributes(seed: seed)
            let crop = try HeadCrop.crop(sheet: WalkSheet.render(attributes), size: FacePortrait.size)
            let portrait = FacePortrait.render(attributes)
            XCTAssertEqual(crop.width, 144)
            XCTAssertEqual(crop.height, 144)
            XCTAssertGreaterThan(ImageComparison.silhouetteIoU(crop, portrait), 0.6, "seed \(seed)")
            XCTAssertGreaterThan(headColourShare(crop, attributes), 0.9 * headColourShare(portrait, attributes), "seed \(seed)")
        }
    }

    /// Lanczos scaling gives soft edges, and the same sheet gives the same bytes.
    func testTheCropIsSmoothAndDeterministic() throws {
        let sheet = WalkSheet.render(sampleAttributes(seed: 40))
        let crop = try HeadCrop.crop(sheet: sheet, size: 96)
        XCTAssertEqual(crop.width, 96)
        XCTAssertTrue(crop.pixels.enumerated().contains { $0.offset % 4 == 3 && $0.element > 0 && $0.element < 255 })
        XCTAssertEqual(try PNG.encode(crop), try PNG.encode(try HeadCrop.crop(sheet: sheet, size: 96)))
    }

    func testASpeckOutsideTheFigureDoesNotMoveTheCrop() throws {
        var sheet = WalkSheet.render(sampleAttributes(seed: 40))
        let clean = try HeadCrop.crop(sheet: sheet, size: 144)
        let origin = WalkSheet.frameOrigin(facing: .down, pattern: 1)
        sheet[origin.x + 1, origin.y + 1] = (255, 0, 0, 255)
        XCTAssertTrue(try HeadCrop.crop(sheet: sheet, size: 144) == clean)
    }

    func testAnEmptyStandingFrameOrWrongSheetIsAClearError() {
        var sheet = WalkSheet.render(sampleAttributes(seed: 1))
        let origin = WalkSheet.frameOrigin(facing: .down, pattern: 1)
        sheet.paste(RGBAImage(width: 48, height: 48), x: origin.x, y: origin.y)
        XCTAssertThrowsError(try HeadCrop.crop(sheet: sheet, size: 144)) { error in
            XCTAssertTrue("\(error)".contains("front-facing standing frame (row 1, column 2 of the sheet) is empty"), "\(error)")
        }
        XCTAssertThrowsError(try HeadCrop.crop(sheet: RGBAImage(width: 144, height: 144), size: 144)) { error in
            XCTAssertTrue("\(error)".contains("this image is 144x144"), "\(error)")
        }
        XCTAssertThrowsError(try HeadCrop.crop(sheet: WalkSheet.render(sampleAttributes(seed: 1)), size: 0))
    }
}

import XCTest
import RPGMakerFormat
import StyleCastIO
@testable import StyleCastArt

final class WalkSheetTests: XCTestCase {
    func testSheetHasTheMVSizeAndOnlyPaletteColoursFullyOpaqueOrTransparent() {
        for seed in testSeeds {
            let attributes = sampleAttributes(seed: seed)
            let sheet = WalkSheet.render(attributes)
            XCTAssertEqual(sheet.width, 144)
            XCTAssertEqual(sheet.height, 192)
            let palette = CharacterPalette(attributes.colours).colours
            var used = Set<RGB>()
            for y in 0..<sheet.height {
                for x in 0..<sheet.width {
                    let a = sheet[x, y].a
                    XCTAssertTrue(a == 0 || a == 255, "seed \(seed): alpha \(a) at \(x),\(y)")
                    if a == 255 { used.insert(sheet.rgb(x, y)) }
                }
            }
            XCTAssertTrue(used.isSubset(of: palette), "seed \(seed): colours outside the palette \(used.subtracting(palette))")
            // The outline, skin, hair and outfit are always there.
            let palette2 = CharacterPalette(attributes.colours)
            for colour in [palette2.outline, palette2.skin.light, palette2.hair.light, palette2.main.light] {
                XCTAssertTrue(used.contains(colour), "seed \(seed): \(colour) unused")
            }
        }
    }

    func testEveryFrameIsOneSilhouetteOnTheCommonBaselineInsideTheFrame() {
        for seed in testSeeds {
            let sheet = WalkSheet.render(sampleAttributes(seed: seed))
            for facing in Facing.allCases {
                for pattern in 0..<3 {
                    let frame = WalkSheet.frame(of: sheet, facing: facing, pattern: pattern)
                    let label = "seed \(seed) \(facing) pattern \(pattern)"
                    XCTAssertEqual(frame.opaqueComponentCount, 1, label)
                    XCTAssertEqual(frame.lowestOpaqueRow, Int(SpriteBody.footY), label)
                    // A transparent border keeps neighbouring frames from bleeding into each other.
                    let border = (0..<48).flatMap { i in [frame[i, 0], frame[i, 47], frame[0, i], frame[47, i]] }
                    XCTAssertTrue(border.allSatisfy { $0.a == 0 }, label + ": opaque pixels on the frame's edge")
                    // The figure fills most of the frame's height: about 40 px.
                    let top = (0..<48).first { y in (0..<48).contains { frame[$0, y].a > 0 } }!
                    XCTAssertGreaterThanOrEqual(Int(SpriteBody.footY) - top, 34, label)
                }
            }
        }
    }

    func testWalkFramesDifferFromStandingAndFromEachOther() {
        for seed in testSeeds {
            let sheet = WalkSheet.render(sampleAttributes(seed: seed))
            for facing in Facing.allCases {
                let frames = (0..<3).map { WalkSheet.frame(of: sheet, facing: facing, pattern: $0) }
                XCTAssertNotEqual(frames[0], frames[1], "seed \(seed) \(facing)")
                XCTAssertNotEqual(frames[2], frames[1], "seed \(seed) \(facing)")
                XCTAssertNotEqual(frames[0], frames[2], "seed \(seed) \(facing)")
            }
        }
    }

    /// Front and back: pattern 0 lifts one foot off the baseline, pattern 2 the other, and
    /// standing keeps both down. Profile: the feet stand apart while walking, together standing.
    func testLegsAlternateBetweenPatternZeroAndTwo() {
        let baseline = Int(SpriteBody.footY)
        for seed in testSeeds {
            let sheet = WalkSheet.render(sampleAttributes(seed: seed))
            for facing in [Facing.down, .up] {
                func footDown(_ pattern: Int, columns: Range<Int>) -> Bool {
                    let frame = WalkSheet.frame(of: sheet, facing: facing, pattern: pattern)
                    return columns.contains { frame[$0, baseline].a > 0 }
                }
                let label = "seed \(seed) \(facing)"
                XCTAssertTrue(footDown(1, columns: 0..<24) && footDown(1, columns: 24..<48), label)
                XCTAssertNotEqual(footDown(0, columns: 0..<24), footDown(0, columns: 24..<48), label)
                XCTAssertNotEqual(footDown(2, columns: 0..<24), footDown(2, columns: 24..<48), label)
                XCTAssertNotEqual(footDown(0, columns: 0..<24), footDown(2, columns: 0..<24), label)
            }
            func stanceWidth(_ pattern: Int) -> Int {
                let frame = WalkSheet.frame(of: sheet, facing: .left, pattern: pattern)
                let xs = (0..<48).filter { frame[$0, baseline - 1].a > 0 }
                return xs.last! - xs.first!
            }
            XCTAssertGreaterThan(stanceWidth(0), stanceWidth(1), "seed \(seed)")
            XCTAssertGreaterThan(stanceWidth(2), stanceWidth(1), "seed \(seed)")
        }
    }

    func testRightRowIsTheLeftRowMirroredAndDirectionsDiffer() {
        for seed in testSeeds.prefix(8) {
            let sheet = WalkSheet.render(sampleAttributes(seed: seed))
            for pattern in 0..<3 {
                let left = WalkSheet.frame(of: sheet, facing: .left, pattern: pattern)
                XCTAssertEqual(WalkSheet.frame(of: sheet, facing: .right, pattern: pattern), left.mirrored)
                XCTAssertNotEqual(WalkSheet.frame(of: sheet, facing: .down, pattern: pattern),
                                  WalkSheet.frame(of: sheet, facing: .up, pattern: pattern))
            }
        }
    }

    func testFrontViewShowsEyesInTheIrisColourAndTheBackViewDoesNot() {
        for seed in testSeeds {
            let attributes = sampleAttributes(seed: seed)
            let iris = CharacterPalette(attributes.colours).iris
            let sheet = WalkSheet.render(attributes)
            func irisPixels(_ facing: Facing) -> Int {
                let frame = WalkSheet.frame(of: sheet, facing: facing, pattern: 1)
                var n = 0
                for y in 0..<48 { for x in 0..<48 where frame[x, y].a > 0 && [iris.light, iris.shade].contains(frame.rgb(x, y)) { n += 1 } }
                return n
            }
            XCTAssertEqual(irisPixels(.down), 10, "seed \(seed): two 2x3 irises less their glints")
            XCTAssertEqual(irisPixels(.left), 5, "seed \(seed): one eye in profile")
            XCTAssertEqual(irisPixels(.up), 0, "seed \(seed): no face from behind")
        }
    }

    func testSheetDependsOnShapeAndColoursOnly() {
        var a = sampleAttributes(seed: 11)
        let sheet = WalkSheet.render(a)
        a.expression = ExpressionAttributes(expression: .angry, headTurn: .left)
        XCTAssertEqual(WalkSheet.render(a), sheet)
        a.colours = sampleColours(seed: 12)
        XCTAssertNotEqual(WalkSheet.render(a), sheet)
    }

    func testSameAttributesGiveTheSameBytes() throws {
        let attributes = sampleAttributes(seed: 99)
        XCTAssertEqual(try PNG.encode(WalkSheet.render(attributes)), try PNG.encode(WalkSheet.render(attributes)))
    }
}

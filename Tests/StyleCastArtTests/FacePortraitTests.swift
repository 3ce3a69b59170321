import XCTest
import StyleCastIO
@testable import StyleCastArt

final class FacePortraitTests: XCTestCase {
    func testExpressionsChangeOnlyTheExpressionRegionAndAllDiffer() {
        for seed in testSeeds.prefix(16) {
            let attributes = sampleAttributes(seed: seed)
            let set = FaceSet.render(attributes)
            XCTAssertEqual(set.width, 576)
            XCTAssertEqual(set.height, 288)
            let faces = (0..<8).map { FaceSet.portrait(of: set, index: $0) }
            let region = FacePortrait.expressionRegion(headTurn: attributes.expression.headTurn)
            let reference = faces[0]
            for (index, face) in faces.enumerated().dropFirst() {
                var changedInside = 0
                for y in 0..<144 {
                    for x in 0..<144 {
                        let inside = x >= region.x && x < region.x + region.width && y >= region.y && y < region.y + region.height
                        let same = face[x, y] == reference[x, y]
                        if inside { changedInside += same ? 0 : 1 } else if !same {
                            XCTFail("seed \(seed) \(Expression.allCases[index]): pixel \(x),\(y) outside the expression region changed")
                            return
                        }
                    }
                }
                XCTAssertGreaterThan(changedInside, 40, "seed \(seed) \(Expression.allCases[index]) looks like neutral")
            }
            XCTAssertEqual(Set(faces.map(\.pixels)).count, 8, "seed \(seed): two expressions look the same")
        }
    }

    func testFaceSetHoldsThePortraitsInExpressionOrder() {
        var attributes = sampleAttributes(seed: 21)
        let set = FaceSet.render(attributes)
        for (index, expression) in Expression.allCases.enumerated() {
            attributes.expression.expression = expression
            XCTAssertEqual(FaceSet.portrait(of: set, index: index), FacePortrait.render(attributes))
        }
    }

    /// Faces are drawn from the sprite's palette: apart from anti-aliased edges (about a quarter
    /// of a 144 px bust) and the translucent blush, pixels are exactly palette colours, the eight
    /// commonest are all palette colours, and the five commonest are on the character's walk sheet.
    func testFacesUseTheSpritePalette() {
        for seed in testSeeds {
            let attributes = sampleAttributes(seed: seed)
            let face = FacePortrait.render(attributes)
            let sheetColours = Set(opaqueColours(WalkSheet.render(attributes)).keys)
            let palette = CharacterPalette(attributes.colours).colours
            let counts = opaqueColours(face)
            let total = counts.values.reduce(0, +)
            let exact = counts.filter { palette.contains($0.key) }.values.reduce(0, +)
            XCTAssertGreaterThan(Double(exact) / Double(total), 0.7, "seed \(seed)")
            let common = counts.sorted { ($0.value, $1.key.description) > ($1.value, $0.key.description) }.prefix(8).map(\.key)
            XCTAssertTrue(common.allSatisfy(palette.contains), "seed \(seed): \(common.filter { !palette.contains($0) })")
            let dominant = counts.sorted { ($0.value, $1.key.description) > ($1.value, $0.key.description) }.prefix(5).map(\.key)
            for colour in dominant {
                XCTAssertTrue(sheetColours.contains(colour) || colour == CharacterPalette(attributes.colours).eyeWhite,
                              "seed \(seed): dominant face colour \(colour) is not on the sheet")
            }
        }
    }

    func testPortraitIsABustWithTransparentCorners() {
        for seed in testSeeds.prefix(8) {
            let face = FacePortrait.render(sampleAttributes(seed: seed))
            XCTAssertEqual(face.width, 144)
            XCTAssertEqual(face.height, 144)
            XCTAssertEqual(face[72, 80].a, 255, "seed \(seed): face centre")
            XCTAssertEqual(face[72, 143].a, 255, "seed \(seed): shoulders reach the bottom")
            XCTAssertEqual(face[0, 0].a, 0, "seed \(seed): background is transparent")
            XCTAssertEqual(face.opaqueComponentCount, 1, "seed \(seed)")
        }
    }

    func testHeadTurnMovesTheFeatures() {
        var attributes = sampleAttributes(seed: 3)
        attributes.expression.headTurn = .left
        let left = FacePortrait.render(attributes)
        attributes.expression.headTurn = .right
        XCTAssertNotEqual(FacePortrait.render(attributes), left)
    }

    func testSameAttributesGiveTheSameBytes() throws {
        let attributes = sampleAttributes(seed: 77)
        XCTAssertEqual(try PNG.encode(FaceSet.render(attributes)), try PNG.encode(FaceSet.render(attributes)))
    }

    private func opaqueColours(_ image: RGBAImage) -> [RGB: Int] {
        var counts: [RGB: Int] = [:]
        for y in 0..<image.height {
            for x in 0..<image.width where image[x, y].a == 255 { counts[image.rgb(x, y), default: 0] += 1 }
        }
        return counts
    }
}

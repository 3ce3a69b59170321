import XCTest
import StyleCastIO
@testable import StyleCastProject

final class LayoutTests: XCTestCase {
    func testWalkSheetRowsAreDirectionsAndColumnsArePatterns() {
        XCTAssertEqual(CharacterSheetLayout.standard.blockWidth, 144)
        XCTAssertEqual(CharacterSheetLayout.standard.blockHeight, 192)
        XCTAssertTrue(CharacterSheetLayout.standard.frameOrigin(direction: .down, pattern: 0) == (0, 0))
        XCTAssertTrue(CharacterSheetLayout.standard.frameOrigin(direction: .left, pattern: 1) == (48, 48))
        XCTAssertTrue(CharacterSheetLayout.standard.frameOrigin(direction: .right, pattern: 2) == (96, 96))
        XCTAssertTrue(CharacterSheetLayout.standard.frameOrigin(direction: .up, pattern: 1) == (48, 144))
    }

    func testPackedSheetBlocksGoAcrossThenDown() {
        XCTAssertEqual(CharacterSheetLayout.standard.packedWidth, 576)
        XCTAssertEqual(CharacterSheetLayout.standard.packedHeight, 384)
        let origins = (0..<8).map { CharacterSheetLayout.standard.blockOrigin(characterIndex: $0) }
        XCTAssertEqual(origins.map(\.x), [0, 144, 288, 432, 0, 144, 288, 432])
        XCTAssertEqual(origins.map(\.y), [0, 0, 0, 0, 192, 192, 192, 192])
    }

    func testPlacingABlockKeepsTheOtherBlocks() {
        var first = RGBAImage(width: 144, height: 192)
        first[0, 0] = (1, 1, 1, 255)
        var second = RGBAImage(width: 144, height: 192)
        second[143, 191] = (2, 2, 2, 255)
        let once = CharacterSheetLayout.standard.packedSheet(placing: first, at: 2, into: nil)
        let twice = CharacterSheetLayout.standard.packedSheet(placing: second, at: 5, into: once)
        XCTAssertTrue(twice[288, 0] == (1, 1, 1, 255))
        XCTAssertTrue(twice[144 + 143, 192 + 191] == (2, 2, 2, 255))
        XCTAssertEqual(twice.pixels.filter { $0 != 0 }.count, 8) // just the two marked pixels
        XCTAssertEqual(twice.cropped(x: 288, y: 0, width: 144, height: 192), first)
    }

    func testFaceSetIndexesGoLeftToRightTopToBottom() {
        let faces = (0..<8).map { index -> RGBAImage in
            var face = RGBAImage(width: 144, height: 144)
            face[10, 20] = (UInt8(index), 0, 0, 255)
            return face
        }
        let sheet = FaceSetLayout.standard.faceSet(faces)
        XCTAssertEqual(sheet.width, 576)
        XCTAssertEqual(sheet.height, 288)
        XCTAssertTrue(sheet[432 + 10, 20] == (3, 0, 0, 255))
        XCTAssertTrue(sheet[10, 144 + 20] == (4, 0, 0, 255))
        XCTAssertTrue(sheet[432 + 10, 144 + 20] == (7, 0, 0, 255))
        XCTAssertEqual(FaceSetLayout.standard.faces(of: sheet), faces)
    }

    func testArtWithWrongSizesIsAClearError() throws {
        let art = try testArt()
        XCTAssertThrowsError(try CharacterArt(walkSheet: RGBAImage(width: 48, height: 48), faces: art.faces, source: "hero")) { error in
            XCTAssertTrue(String(describing: error).contains("144x192"), "\(error)")
        }
        XCTAssertThrowsError(try CharacterArt(walkSheet: art.walkSheet, faces: Array(art.faces.prefix(7))))
        XCTAssertThrowsError(try CharacterArt(walkSheet: art.walkSheet, faceSet: RGBAImage(width: 576, height: 144),
                                              walkSheetSource: "s.png", faceSetSource: "f.png")) { error in
            XCTAssertTrue(String(describing: error).hasPrefix("f.png: "), "\(error)")
        }
    }
}

private func == (lhs: (x: Int, y: Int), rhs: (Int, Int)) -> Bool { lhs.x == rhs.0 && lhs.y == rhs.1 }
private func == (lhs: (r: UInt8, g: UInt8, b: UInt8, a: UInt8), rhs: (UInt8, UInt8, UInt8, UInt8)) -> Bool {
    lhs.r == rhs.0 && lhs.g == rhs.1 && lhs.b == rhs.2 && lhs.a == rhs.3
}

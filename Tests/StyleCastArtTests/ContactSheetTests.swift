import XCTest
import StyleCastIO
@testable import StyleCastArt

final class ContactSheetTests: XCTestCase {
    func testTilesAreScaledPlacedAndComposedOverTheBackground() {
        var red = RGBAImage(width: 2, height: 1)
        red[0, 0] = (255, 0, 0, 255) // right pixel stays transparent
        let page = ContactSheet.tile([red, red, red], columns: 2, scale: 2, gap: 1, background: RGB(0, 0, 255))
        XCTAssertEqual(page.width, 2 * (4 + 1) + 1)
        XCTAssertEqual(page.height, 2 * (2 + 1) + 1)
        XCTAssertTrue(page[1, 1] == (255, 0, 0, 255) && page[2, 2] == (255, 0, 0, 255))
        XCTAssertTrue(page[3, 1] == (0, 0, 255, 255), "transparent pixels show the background")
        XCTAssertTrue(page[6, 1] == (255, 0, 0, 255), "second tile")
        XCTAssertTrue(page[1, 4] == (255, 0, 0, 255), "second row")
        XCTAssertTrue(page[6, 4] == (0, 0, 255, 255), "no fourth tile")
    }

    func testCanvasGivesExactOpaqueColoursAndStraightAlpha() {
        let canvas = CairoCanvas(width: 4, height: 4, antialiased: false)
        canvas.fill(.rect(0, 0, 2, 4), RGB(hex: 0x123456))
        canvas.fill(.rect(2, 0, 2, 4), RGB(hex: 0xC08040), alpha: 0.5)
        let image = canvas.image()
        XCTAssertTrue(image[0, 0] == (0x12, 0x34, 0x56, 255))
        let half = image[3, 3]
        XCTAssertEqual(Int(half.a), 128, accuracy: 1)
        // Un-premultiplied back to the colour that was painted, within rounding.
        XCTAssertEqual(Int(half.r), 0xC0, accuracy: 1)
        XCTAssertEqual(Int(half.g), 0x80, accuracy: 1)
        XCTAssertEqual(Int(half.b), 0x40, accuracy: 1)
        XCTAssertTrue(image[2, 0] == image[3, 3], "same paint, same pixels")
    }
}

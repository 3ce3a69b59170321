import StyleCastIO
import XCTest
@testable import StyleGAN

final class ImageConversionTests: XCTestCase {
    func testByteConversionTruncatesAndClampsAsTorch() {
        XCTAssertEqual(ImageConversion.byte(-1), 0)        // 0.5 -> 0
        XCTAssertEqual(ImageConversion.byte(0), 128)
        XCTAssertEqual(ImageConversion.byte(1), 255)       // 255.5 clamps to 255
        XCTAssertEqual(ImageConversion.byte(0.5), 191)     // 191.75 truncates
        XCTAssertEqual(ImageConversion.byte(-0.01), 126)   // 126.725 truncates
        XCTAssertEqual(ImageConversion.byte(-7), 0)
        XCTAssertEqual(ImageConversion.byte(9), 255)
        XCTAssertEqual(ImageConversion.byte(.nan), 0)
    }

    func testRGBAKeepsAlphaAndRGBIsOpaque() throws {
        // 1 x 2 pixels, channels-first.
        let rgba = Tensor(shape: [4, 1, 2], data: [1, -1, 0, 0, -1, 1, 0.5, -1])
        XCTAssertEqual(try ImageConversion.rgba8(rgba).pixels, [255, 128, 0, 191, 0, 128, 255, 0])
        let rgb = Tensor(shape: [3, 1, 1], data: [0, 0, 0])
        XCTAssertEqual(try ImageConversion.rgba8(rgb).pixels, [128, 128, 128, 255])
        let gray = Tensor(shape: [1, 1, 1], data: [1])
        XCTAssertEqual(try ImageConversion.rgba8(gray).pixels, [255, 255, 255, 255])
        XCTAssertThrowsError(try ImageConversion.rgba8(Tensor(zeros: [5, 1, 1])))
    }
}

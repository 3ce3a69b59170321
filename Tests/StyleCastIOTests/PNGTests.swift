import XCTest
@testable import StyleCastIO

final class PNGRoundTripTests: XCTestCase {
    func testEncodeDecodeRoundTripIsExactAndDeterministic() throws {
        var image = RGBAImage(width: 5, height: 3)
        for i in 0..<image.pixels.count { image.pixels[i] = UInt8((i * 37) & 0xFF) }
        let bytes = try PNG.encode(image)
        XCTAssertEqual(try PNG.encode(image), bytes)
        XCTAssertEqual(try PNG.decode(bytes), image)
    }

    func testGarbageIsAnErrorNamingTheFile() {
        XCTAssertThrowsError(try PNG.decode([1, 2, 3], name: "x.png")) { error in
            XCTAssertTrue(String(describing: error).hasPrefix("x.png:"))
        }
    }

    func testTruncatedFileIsAnError() throws {
        let bytes = try PNG.encode(RGBAImage(width: 40, height: 40))
        XCTAssertThrowsError(try PNG.decode(Array(bytes.prefix(bytes.count / 2)), name: "t.png"))
    }
}

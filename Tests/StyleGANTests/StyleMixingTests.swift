import StyleCastIO
import XCTest
@testable import StyleGAN

final class StyleMixingTests: XCTestCase {
    let a = Latent(numWs: 3, wDim: 2, values: [1, 1, 2, 2, 3, 3])
    let b = Latent(numWs: 3, wDim: 2, values: [10, 10, 20, 20, 30, 30])

    func testReplacesChosenRows() throws {
        XCTAssertEqual(try a.mixing(rows: [0, 2], from: b).values, [10, 10, 2, 2, 30, 30])
    }

    func testWeightedAverageOfChosenRows() throws {
        XCTAssertEqual(try a.mixing(rows: [1], from: b, weight: 0.25).values, [1, 1, 6.5, 6.5, 3, 3])
    }

    func testBadRowsOrShapesAreErrors() {
        XCTAssertThrowsError(try a.mixing(rows: [3], from: b)) { XCTAssertTrue("\($0)".contains("0...2")) }
        XCTAssertThrowsError(try a.mixing(rows: [0], from: Latent(numWs: 2, wDim: 2, values: [0, 0, 0, 0])))
    }

    func testIndexListsAsTheOfficialParseRange() throws {
        XCTAssertEqual(try IndexList.parse("0-3,7, 9", in: 0...10, what: "layers"), [0, 1, 2, 3, 7, 9])
        XCTAssertEqual(try IndexList.seeds("4294967294-4294967295"), [4_294_967_294, 4_294_967_295])
        for bad in ["", "1-", "a", "5-3", "4294967296", "-1"] {
            XCTAssertThrowsError(try IndexList.seeds(bad), bad)
        }
    }

    func testGridLayoutMatchesTheOfficialScript() throws {
        let spec = try GeneratorSpec(className: GeneratorFamily.styleGAN2.rawValue, initKwargsJSON: tinyKwargs())
        let generator = try RandomGenerator.make(spec: spec, seed: 3)
        let grid = StyleMixingGrid(rowSeeds: [1, 2], columnSeeds: [5], layers: [0, 1], truncation: Truncation(psi: 0.7))
        let canvas = try grid.render(with: generator)
        XCTAssertEqual(canvas.width, 16)
        XCTAssertEqual(canvas.height, 24)
        XCTAssertTrue(canvas.cropped(x: 0, y: 0, width: 8, height: 8).pixels.enumerated().allSatisfy { $0.offset % 4 == 3 ? $0.element == 255 : $0.element == 0 })
        func image(_ ws: Latent) throws -> RGBAImage { try ImageConversion.rgba8(generator.synthesize(ws)) }
        let ws1 = try generator.ws(seed: 1, truncation: Truncation(psi: 0.7))
        let ws5 = try generator.ws(seed: 5, truncation: Truncation(psi: 0.7))
        XCTAssertEqual(canvas.cropped(x: 8, y: 0, width: 8, height: 8), try image(ws5))
        XCTAssertEqual(canvas.cropped(x: 0, y: 8, width: 8, height: 8), try image(ws1))
        XCTAssertEqual(canvas.cropped(x: 8, y: 8, width: 8, height: 8), try image(ws1.mixing(rows: [0, 1], from: ws5)))
        XCTAssertNotEqual(canvas.cropped(x: 8, y: 8, width: 8, height: 8), try image(ws1))
    }
}

import Foundation
import StyleCastIO
import StyleGAN
import XCTest
@testable import stylecast
import TestSupport

/// The generator commands end to end on the official fixture model: files, names and contents.
final class GeneratorCommandTests: TemporaryFolderTestCase {
    static let fixtures: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().appendingPathComponent("shared/fixtures/stylegan/sg2-skip-32").path
    }()
    var model: String { Self.fixtures + "/model.safetensors" }

    override func setUpWithError() throws {
        try XCTSkipUnless(FileManager.default.fileExists(atPath: Self.fixtures + "/model.safetensors"), "fixtures not present")
        try super.setUpWithError()
    }

    /// Parses and runs a command line as `stylecast` does.
    func run(_ arguments: [String]) throws {
        var command = try StyleCast.parseAsRoot(arguments)
        try command.run()
    }

    /// The official conversion of a raw reference image to RGBA8.
    func officialPNGPixels(_ reference: NPYArray) -> [UInt8] {
        let plane = reference.shape[2] * reference.shape[3]
        var pixels = [UInt8](repeating: 255, count: plane * 4)
        for p in 0..<plane {
            for c in 0..<3 { pixels[p * 4 + c] = UInt8(max(0, min(255, reference.values[c * plane + p] * 127.5 + 128))) }
        }
        return pixels
    }

    func testGenerateWritesImagesWsAndRawAsTheOfficialTools() throws {
        let out = folder + "/generated"  // not there yet: generate makes its --outdir
        try run(["generate", "--model", model, "--seeds", "0-1,7", "--trunc", "0.7",
                                                       "--outdir", out, "--save-ws", "--save-raw"])
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        XCTAssertEqual(names, ["seed0000.png", "seed0000.raw.npy", "seed0000.ws.npy", "seed0001.png", "seed0001.raw.npy",
                               "seed0001.ws.npy", "seed0007.png", "seed0007.raw.npy", "seed0007.ws.npy"])
        let referenceWs = try NPY.read(path: Self.fixtures + "/seed7_psi0.7_cutNone_const.ws.npy")
        let ws = try NPY.read(path: out + "/seed0007.ws.npy")
        XCTAssertEqual(ws.shape, [1, 8, 32])
        XCTAssertLessThanOrEqual(zip(ws.values, referenceWs.values).map { abs($0 - $1) }.max()!, 1e-5)
        let reference = try NPY.read(path: Self.fixtures + "/seed7_psi0.7_cutNone_const.img.npy")
        let raw = try NPY.read(path: out + "/seed0007.raw.npy")
        XCTAssertEqual(raw.shape, [1, 3, 32, 32])
        let scale = reference.values.map(abs).max()!
        XCTAssertLessThanOrEqual(zip(raw.values, reference.values).map { abs($0 - $1) }.max()!, 1e-3 * scale)
        // 8-bit pixels may differ from the reference's only where a value sits on a rounding edge.
        let png = try PNG.read(path: out + "/seed0007.png")
        let differing = zip(png.pixels, officialPNGPixels(reference)).filter { abs(Int($0) - Int($1)) > 1 }.count
        XCTAssertEqual(differing, 0)
        XCTAssertEqual(png.pixels, try ImageConversion.rgba8(Tensor(shape: [3, 32, 32], data: raw.values)).pixels)
    }

    func testSynthFromSavedWsReproducesTheGeneratedImage() throws {
        try run(["generate", "--model", model, "--seeds", "42", "--outdir", folder, "--save-ws"])
        try run(["synth", "--model", model, "--ws", folder + "/seed0042.ws.npy",
                                                  "--out", folder + "/again.png", "--raw-out", folder + "/again.raw.npy"])
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/again.png"),
                       FileManager.default.contents(atPath: folder + "/seed0042.png"))
        XCTAssertEqual(try NPY.read(path: folder + "/again.raw.npy").shape, [1, 3, 32, 32])
    }

    func testMixGridSize() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try run(["mix", "--model", model, "--rows", "1,2,3", "--cols", "10,11",
                                              "--layers", "0-3", "--trunc", "0.7", "--out", folder + "/grid.png"])
        let grid = try PNG.read(path: folder + "/grid.png")
        XCTAssertEqual(grid.width, 32 * 3)
        XCTAssertEqual(grid.height, 32 * 4)
    }

    /// The non-square official reference model (48 high, 36 wide, RGBA) through generate and mix.
    func testNonSquareModelGivesImagesAndGridsOfItsShape() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        let nonSquare = url.appendingPathComponent("Resources/official/sg2-skip-48x36-rgba/model.safetensors").path
        try run(["generate", "--model", nonSquare, "--seeds", "0", "--outdir", folder, "--save-raw"])
        let raw = try NPY.read(path: folder + "/seed0000.raw.npy")
        XCTAssertEqual(raw.shape, [1, 4, 48, 36])
        let png = try PNG.read(path: folder + "/seed0000.png")
        XCTAssertEqual([png.width, png.height], [36, 48])
        XCTAssertEqual(png.pixels, try ImageConversion.rgba8(Tensor(shape: [4, 48, 36], data: raw.values)).pixels)
        try run(["mix", "--model", nonSquare, "--rows", "1,2,3", "--cols", "10,11", "--layers", "0-3", "--out", folder + "/grid.png"])
        let grid = try PNG.read(path: folder + "/grid.png")
        XCTAssertEqual([grid.width, grid.height], [36 * 3, 48 * 4])
    }

    func testBadInputsAreClearErrors() throws {
        XCTAssertThrowsError(try run(["generate", "--model", model, "--seeds", "3-1", "--outdir", folder])) {
            XCTAssertTrue("\($0)".contains("runs backwards"), "\($0)")
        }
        XCTAssertThrowsError(try run(["generate", "--model", model, "--seeds", "1", "--class", "2", "--outdir", folder])) {
            XCTAssertTrue("\($0)".contains("unconditional"), "\($0)")
        }
        XCTAssertThrowsError(try run(["mix", "--model", model, "--rows", "1", "--cols", "2", "--layers", "0-8", "--out", folder + "/g.png"])) {
            XCTAssertTrue("\($0)".contains("0...7"), "\($0)")
        }
        XCTAssertThrowsError(try run(["bench", "--random", "sg9-256"])) {
            XCTAssertTrue("\($0)".contains("unknown configuration 'sg9-256'"), "\($0)")
        }
        XCTAssertThrowsError(try run(["bench"]))
    }
}

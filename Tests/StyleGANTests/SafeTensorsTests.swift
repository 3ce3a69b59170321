import XCTest
@testable import StyleGAN

final class SafeTensorsTests: XCTestCase {
    func testHeaderLengthPastTheFileIsAnError() {
        var bytes = [UInt8](repeating: 0, count: 16)
        bytes[0] = 0xFF; bytes[1] = 0xFF
        XCTAssertThrowsError(try SafeTensorsFile(bytes: bytes, path: "bad.safetensors")) { error in
            XCTAssertTrue(String(describing: error).contains("bad.safetensors"))
        }
    }

    func testFixtureModelLoads() throws {
        let path = fixturesRoot + "/sg2-skip-32/model.safetensors"
        try XCTSkipUnless(FileManager.default.fileExists(atPath: path), "fixtures not present")
        let file = try SafeTensorsFile(path: path)
        XCTAssertEqual(file.metadata["class"], "networks_stylegan2.Generator")
        XCTAssertNotNil(file.tensors["mapping.fc0.weight"])
    }
}

/// `../shared/fixtures/stylegan` beside the repository root.
let fixturesRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.deletingLastPathComponent().appendingPathComponent("shared/fixtures/stylegan").path
}()

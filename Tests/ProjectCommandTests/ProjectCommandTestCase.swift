import Foundation
import XCTest
@testable import stylecast
import TestSupport

/// What the `stylecast project` suites share: a fixture model, a scratch folder per test, and
/// running command lines as `stylecast` does.
class ProjectCommandTestCase: TemporaryFolderTestCase {
    /// The fixture folder (under ../shared/fixtures/stylegan) whose model a suite projects into.
    class var fixtureName: String { "sg2-skip-32" }

    var model: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent()
            .appendingPathComponent("shared/fixtures/stylegan/\(Self.fixtureName)/model.safetensors").path
    }

    override func setUpWithError() throws {
        try XCTSkipUnless(FileManager.default.fileExists(atPath: model), "fixtures not present")
        try super.setUpWithError()
    }

    func run(_ arguments: [String]) throws {
        var command = try StyleCast.parseAsRoot(arguments)
        try command.run()
    }

    /// The raw image of seed 100, as `generate --save-raw` writes it.
    func rawTarget() throws -> String {
        try run(["generate", "--model", model, "--seeds", "100", "--outdir", folder, "--save-raw"])
        return folder + "/seed0100.raw.npy"
    }
}

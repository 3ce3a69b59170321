import FuzzSupport
import Foundation
import XCTest
import StyleCastIO
@testable import CastManifest

/// Mutated `cast.json` manifests: every problem is reported, nothing crashes (`Fuzz.run`).
/// `STYLECAST_FUZZ_ITERATIONS=200000` makes a long run.
final class ManifestFuzzTests: XCTestCase {
    func testManifest() throws {
        let folder = try ManifestFolder()
        defer { folder.remove() }
        try ManifestLoadTests.writeExampleInputs(in: folder)
        // The sample cast's one reference image, so that it reads from this folder too.
        try folder.write(PNG.encode(RGBAImage(width: 4, height: 4)), to: "reference/Dorn-walk.png")
        let sample = try Data(contentsOf: URL(fileURLWithPath: sampleProjectRoot + "/cast.json"))
        let seeds = [Array(try ManifestLoadTests.readmeExample().utf8), [UInt8](sample)]
        let keys = ["defaults", "characters", "models", "sprite", "face", "presets", "truncation", "projectionSteps",
                    "faces", "expression", "mode", "weight", "replace", "rows", "from", "spriteMixes", "faceMixes",
                    "name", "fileName", "actorId", "seed", "actor", "preset:", "seed:", "latent:", "image:"]
        let words = keys.map { Array("\"\($0)\"".utf8) }
            + ["{", "}", "[", "]", ",", ":", "//", "/*", "*/", "\"0-255\"", "\"3-1,\"", "\\u0000"].map { Array($0.utf8) }
        print(try Fuzz.run("manifest", seeds: seeds, dictionary: words, binary: false) { input in
            _ = try CastManifest.parse(input, file: "cast.json", folder: folder.root)
        })
    }
}

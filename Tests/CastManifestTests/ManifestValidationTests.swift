import XCTest
import StyleCastIO
@testable import CastManifest

/// Checks against the models: rows within num_ws, latents of the right shape, known presets.
final class ManifestValidationTests: XCTestCase {
    func testProblemsAgainstTheModelsAreAllReportedWithPositions() throws {
        let folder = try ManifestFolder()
        defer { folder.remove() }
        try folder.write(NPY.encode(NPYArray(shape: [8, 512], values: Array(repeating: 0.5, count: 8 * 512))), to: "w8.npy")
        try folder.write(NPY.encode(NPYArray(shape: [1, 512], values: Array(repeating: 0.5, count: 512))), to: "w1.npy")
        try folder.write(Array("not numpy".utf8), to: "broken.npy")
        let manifest = try folder.load("""
            {"defaults": {"faces": ["neutral", "happy", "sad", "angry", "worried", "surprised", "eyes-closed",
                                    {"expression": "smug", "rows": "11-12"}]},
             "characters": [
              {"name": "A", "seed": 1,
               "spriteMixes": [{"from": "latent:w8.npy", "rows": "0-9"}, {"from": "preset:villian", "rows": [10]}],
               "faceMixes": [{"from": "latent:w1.npy", "rows": [12]}, {"from": "latent:broken.npy", "rows": [0]}]},
              {"name": "B", "seed": 2}
            ]}
            """)
        let sprite = ModelLimits(numWs: 10, wDim: 512)
        let face = ModelLimits(numWs: 12, wDim: 512)
        XCTAssertThrowsError(try manifest.validate(sprite: sprite, face: face, presetNames: ["villain", "happy", "sad", "angry", "worried", "surprised", "eyes-closed"])) { error in
            let lines = (error as? ManifestErrors)?.lines.map { $0.replacingOccurrences(of: folder.root + "/", with: "") }
            XCTAssertEqual(lines, [
                "cast.json:2:25: expression 'smug' is not in the presets index",
                "cast.json:2:56: rows: row 12 is out of range for the face model, whose rows are 0-11 (num_ws 12)",
                "cast.json:5:29: latent 'w8.npy' has shape [8, 512], but the sprite model takes [10, 512] or [512]",
                "cast.json:5:71: preset 'villian' is not in the presets index (did you mean 'villain'?)",
                "cast.json:5:97: rows: row 10 is out of range for the sprite model, whose rows are 0-9 (num_ws 10)",
                "cast.json:6:52: rows: row 12 is out of range for the face model, whose rows are 0-11 (num_ws 12)",
                "cast.json:6:68: latent: broken.npy: not a NumPy .npy file (bad magic)",
            ])
        }
        // Bigger models take the same rows; without a presets index, names are not checked.
        XCTAssertThrowsError(try manifest.validate(sprite: ModelLimits(numWs: 16, wDim: 512), face: ModelLimits(numWs: 16, wDim: 512))) { error in
            XCTAssertEqual((error as? ManifestErrors)?.problems.map(\.position.line), [5, 6], "only the latents' shapes and the broken file")
        }
    }

    func testStandardFacesNeedTheExpressionRow() throws {
        let folder = try ManifestFolder()
        defer { folder.remove() }
        let manifest = try folder.load("\n {\"characters\": [{\"name\": \"A\", \"seed\": 1}]}")
        XCTAssertNoThrow(try manifest.validate(sprite: ModelLimits(numWs: 1, wDim: 4), face: ModelLimits(numWs: 7, wDim: 4)))
        XCTAssertThrowsError(try manifest.validate(sprite: ModelLimits(numWs: 1, wDim: 4), face: ModelLimits(numWs: 6, wDim: 4))) { error in
            // Seven expression slots of the built-in defaults, each reported once, at the top-level object.
            let lines = (error as? ManifestErrors)?.lines ?? []
            XCTAssertEqual(lines.count, 7)
            XCTAssertTrue(lines.allSatisfy { $0.hasSuffix("cast.json:2:2: rows: row 6 is out of range for the face model, whose rows are 0-5 (num_ws 6)") }, "\(lines)")
        }
    }

    func testLatentShapesAModelAccepts() {
        let limits = ModelLimits(numWs: 14, wDim: 512)
        for shape in [[512], [1, 512], [14, 512], [1, 14, 512]] { XCTAssertTrue(limits.acceptsLatentShape(shape), "\(shape)") }
        for shape in [[], [14], [2, 512], [14, 256], [2, 14, 512], [1, 1, 14, 512]] { XCTAssertFalse(limits.acceptsLatentShape(shape), "\(shape)") }
    }
}

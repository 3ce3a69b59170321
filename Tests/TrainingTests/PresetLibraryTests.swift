import Foundation
import XCTest
import StyleCastArt
import StyleCastIO
import StyleGAN
@testable import Training

final class PresetLibraryTests: XCTestCase {
    func testPresetsOfTwoTrainedModelsAreWrittenWithTheirIndex() throws {
        let folder = NSTemporaryDirectory() + "stylecast-presets-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Two tiny models written by the trainer (no steps: the metadata is what matters here).
        func model(_ name: String, target: TrainingTarget, size: String, rows: String) throws -> String {
            let config = """
                {"generator": {"z_dim": 128, "c_dim": 0, "w_dim": 8, \(size), "img_channels": 4,
                               "mapping_kwargs": {"num_layers": 1}, "channel_base": 576, "channel_max": 4,
                               "architecture": "skip", "conv_clamp": null, "use_noise": false},
                 "target": "\(target.rawValue)", "rows": \(rows), "seed": 1, "batchSize": 1, "learningRate": 0.01,
                 "adamBeta1": 0.9, "adamBeta2": 0.99, "mixingProbability": 0.5, "images": 1, "minutes": 1,
                 "checkpointMinutes": 5, "wAverageBeta": 0.9}
                """
            try config.write(toFile: "\(folder)/\(name).json", atomically: true, encoding: .utf8)
            let path = "\(folder)/\(name).safetensors"
            try Trainer(config: TrainingConfig.read(path: "\(folder)/\(name).json"), outputPath: path).run(stopAfterSteps: 0)
            return path
        }
        let sprite = try model("sprite", target: .walkSheet, size: #""img_resolution": 192, "init_res": [12, 9]"#,
                               rows: #"{"shape": [0, 1, 2, 3, 4, 5], "colours": [6, 7, 8, 9]}"#)
        let face = try model("face", target: .facePortrait, size: #""img_resolution": 144, "init_res": [9, 9]"#,
                             rows: #"{"shape": [0, 2, 3, 4], "headTurn": [1], "expression": [5, 6], "colours": [7, 8, 9]}"#)
        let out = folder + "/presets"
        let entries = try PresetLibrary.write(sprite: sprite, face: face, to: out)

        let roles = PresetLibrary.roles.map(\.name)
        XCTAssertEqual(entries.filter { $0.model == .sprite }.map(\.name), roles)
        XCTAssertEqual(entries.filter { $0.model == .face && $0.kind == "role" }.map(\.name), roles)
        XCTAssertEqual(entries.filter { $0.kind == "expression" }.map(\.name),
                       ["happy", "worried", "angry", "sad", "surprised", "eyes-closed", "determined"])
        XCTAssertEqual(entries.first { $0.name == "happy" }?.rows, [5, 6])
        XCTAssertEqual(entries.first { $0.name == "look-left" }?.rows, [1])
        XCTAssertEqual(entries.first { $0.model == .sprite }?.rows, [0, 1, 2, 3, 4, 5])
        for entry in entries {
            let latent = try LatentFile.read(path: entry.file, numWs: 10, wDim: 8)
            XCTAssertEqual(latent.values.count, 80)
        }
        // The index reads back as written, files relative to it.
        XCTAssertEqual(try PresetIndex(contentsOfFile: out + "/index.json").presets, entries)
        XCTAssertTrue(try String(contentsOfFile: out + "/index.json", encoding: .utf8).contains(#""file":"face/villain.npy""#))
        // The same models give the same bytes.
        let first = try Data(contentsOf: URL(fileURLWithPath: out + "/face/villain.npy"))
        try PresetLibrary.write(sprite: sprite, face: face, to: out)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: out + "/face/villain.npy")), first)

        // A run that fails (here: no face model) writes nothing, not even the sprite's presets it made.
        try FileManager.default.removeItem(atPath: out + "/sprite/heroine.npy")
        XCTAssertThrowsError(try PresetLibrary.write(sprite: sprite, face: folder + "/missing.safetensors", to: out))
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/sprite/heroine.npy"))
        try PresetLibrary.write(sprite: sprite, face: face, to: out)

        // Tuned: the face's expression and head-turn presets and the sprite's roles are fitted (or left, and
        // said so), in their rows only.
        let tunedOut = folder + "/tuned"
        var lines: [String] = []
        let tuned = try PresetLibrary.write(sprite: sprite, face: face, to: tunedOut,
                                            tuning: PresetTuning(steps: 2, batchSize: 1)) { lines.append($0) }
        XCTAssertEqual(tuned.map(\.name), entries.map(\.name))
        for (entry, plain) in zip(tuned, entries) {
            let latent = try LatentFile.read(path: entry.file, numWs: 10, wDim: 8)
            let untuned = try LatentFile.read(path: plain.file, numWs: 10, wDim: 8)
            let isTuned = (entry.model == .face) != (entry.kind == "role")
            XCTAssertEqual(entry.made.contains("PresetTuning"), isTuned, entry.name)
            for row in 0..<10 where !(isTuned && entry.rows.contains(row)) {
                XCTAssertEqual(latent.row(row), untuned.row(row), "\(entry.name) row \(row)")
            }
        }
        XCTAssertEqual(lines.filter { $0.contains("held-out characters") }.count, 16)
    }

    func testTuningFitsOnlyThePresetsRowsAndLowersTheLoss() throws {
        let folder = NSTemporaryDirectory() + "stylecast-preset-tuning-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/face.safetensors"
        try Trainer(config: TrainingConfig.read(path: writeTinyTrainingConfig(in: folder)), outputPath: path).run(stopAfterSteps: 0)
        let face = try Generator(file: SafeTensorsFile(path: path))
        let start = try PresetLibrary.latent(PresetLibrary.attributes(ofPreset: "surprised", model: .face)!, generator: face)
        let tuning = PresetTuning(steps: 12, batchSize: 2, learningRate: 0.05)
        var losses: [Double] = []
        let outcome = try tuning.tune(start, rows: [5, 6], goal: .expression(.surprised), generator: face) { step, loss in
            XCTAssertEqual(step, losses.count + 1)
            losses.append(loss)
        }
        XCTAssertEqual(losses.count, 12)
        XCTAssertLessThan(losses.suffix(4).reduce(0, +), losses.prefix(4).reduce(0, +))
        for row in 0..<start.numWs {
            XCTAssertEqual(outcome.latent.row(row) == start.row(row), ![5, 6].contains(row), "row \(row)")
        }
        // Seeded: the same tuning gives the same latent.
        let again = try tuning.tune(start, rows: [5, 6], goal: .expression(.surprised), generator: face)
        XCTAssertEqual(again.latent, outcome.latent)
    }

    func testTunedRowsAreTheExpressionsHeadTurnsAndSpriteRolesGroups() {
        let rows = RowGroups(shape: [0, 2, 3, 4], headTurn: [1], expression: [5, 6], colours: [7, 8, 9])
        XCTAssertEqual(PresetLibrary.tunedRows(ofPreset: "happy", model: .face, rows: rows), [5, 6])
        XCTAssertEqual(PresetLibrary.tunedRows(ofPreset: "look-right", model: .face, rows: rows), [1])
        XCTAssertEqual(PresetLibrary.tunedRows(ofPreset: "villain", model: .face, rows: rows), [])
        XCTAssertEqual(PresetLibrary.tunedRows(ofPreset: "villain", model: .sprite, rows: rows), [0, 2, 3, 4])
        XCTAssertEqual(PresetLibrary.tunedRows(ofPreset: "happy", model: .sprite, rows: rows), [])
    }

    func testEveryPresetEncodesItsCharacter() {
        var random = NumpyRandom(seed: PresetLibrary.baseSeed)
        let base = random.standardNormal(count: 128).map { Float($0) }
        for role in PresetLibrary.roles {
            let z = LatentAttributeCode.latent(setting: role.attributes, on: base)
            XCTAssertEqual(LatentAttributeCode.attributes(latent: z), role.attributes, role.name)
        }
        XCTAssertEqual(Set(PresetLibrary.roles.map(\.name)), ["heroine", "hero", "villain", "mage", "knight", "elder", "child"])
    }
}

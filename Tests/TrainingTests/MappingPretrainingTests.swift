import Foundation
import XCTest
import StyleCastArt
import StyleCastIO
import StyleGAN
@testable import Training
import TestSupport

final class MappingPretrainingTests: TemporaryFolderTestCase {
    /// A face network with the shipped models' mapping shape (2 layers) at w_dim 64, and a tiny synthesis.
    private func config(pretraining: String? = #"{"steps": 2000, "batchSize": 128, "learningRate": 0.005}"#) throws -> TrainingConfig {
        let text = """
            {"generator": {"z_dim": 32, "c_dim": 0, "w_dim": 64, "img_resolution": 144, "init_res": [9, 9], "img_channels": 4,
                           "mapping_kwargs": {"num_layers": 2, "lr_multiplier": 1}, "channel_base": 576, "channel_max": 8,
                           "architecture": "skip", "conv_clamp": null, "use_noise": false},
             "target": "face-portrait",
             "rows": {"shape": [0, 2, 3, 4], "headTurn": [1], "expression": [5, 6], "colours": [7, 8, 9]},
             "seed": 5, "batchSize": 2, "learningRate": 0.01, "adamBeta1": 0.9, "adamBeta2": 0.99,
             "mixingProbability": 0.5, "images": 1000, "minutes": 60, "checkpointMinutes": 5, "wAverageBeta": 0.9
             \(pretraining.map { #", "mappingPretraining": "# + $0 } ?? "")}
            """
        let path = folder + "/config.json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try TrainingConfig.read(path: path)
    }

    private func meanSquareW(_ parameters: ModelParameters) throws -> Float {
        let mapping = try parameters.generator().mapping
        var random = NumpyRandom(seed: 77)
        var sum: Float = 0
        for _ in 0..<200 {
            let w = mapping.record(z: random.standardNormal(count: 32).map { Float($0) }).w
            sum += w.reduce(0) { $0 + $1 * $1 } / Float(w.count)
        }
        return sum / 200
    }

    func testPretrainingMakesTheAttributesLinearlyReadableAndKeepsTheSizeOfW() throws {
        let config = try config()
        let spec = try config.generatorSpec()
        let fresh = try ModelParameters(spec: spec, seed: config.seed)
        var pretrained = fresh
        let accuracy = try MappingPretrainer.pretrain(&pretrained, settings: config.mappingPretraining!, target: .facePortrait,
                                                      seed: config.seed, log: { _ in })
        let shares = Dictionary(uniqueKeysWithValues: accuracy.map { ($0.name, $0.share) })
        XCTAssertEqual(Set(shares.keys), ["age", "build", "hairStyle", "outfit", "headwear", "cape", "glasses", "expression",
                                          "headTurn", "skinTone", "hairColour", "eyeColour", "outfitMainColour", "outfitTrimColour"])
        // A linear read-out of normalised z itself tells about 27% of expressions apart.
        XCTAssertGreaterThan(shares["expression"]!, 0.5, "\(accuracy)")
        XCTAssertGreaterThan(shares["headTurn"]!, 0.85, "\(accuracy)")
        XCTAssertGreaterThan(shares["hairColour"]!, 0.5, "\(accuracy)")
        XCTAssertEqual(try meanSquareW(pretrained), try meanSquareW(fresh), accuracy: 0.1 * (try meanSquareW(fresh)))
        XCTAssertNotEqual(pretrained.tensors["mapping.fc0.weight"]?.data, fresh.tensors["mapping.fc0.weight"]?.data)
        XCTAssertEqual(pretrained.tensors["synthesis.b9.conv1.weight"]?.data, fresh.tensors["synthesis.b9.conv1.weight"]?.data,
                       "only the mapping is pretrained")
    }

    func testOnlyARunFromNewWeightsPretrainsAndItIsDeterministic() throws {
        let config = try config(pretraining: #"{"steps": 20, "batchSize": 16, "learningRate": 0.005}"#)
        var lines: [String] = []
        try Trainer(config: config, outputPath: folder + "/a.safetensors", log: { lines.append($0) }).run(stopAfterSteps: 0)
        try Trainer(config: config, outputPath: folder + "/b.safetensors").run(stopAfterSteps: 0)
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/a.safetensors"),
                       FileManager.default.contents(atPath: folder + "/b.safetensors"))
        XCTAssertTrue(lines.last?.hasPrefix("mapping pretraining: read-out accuracy age ") ?? false, "\(lines)")

        let plain = try self.config(pretraining: nil)
        try Trainer(config: plain, outputPath: folder + "/plain.safetensors").run(stopAfterSteps: 0)
        let name = "mapping.fc1.weight"
        XCTAssertNotEqual(try SafeTensorsFile(path: folder + "/a.safetensors").tensors[name]?.data,
                          try SafeTensorsFile(path: folder + "/plain.safetensors").tensors[name]?.data)
        // Going on from a model keeps its mapping: no pretraining over trained weights.
        lines = []
        try Trainer(config: config, outputPath: folder + "/c.safetensors", log: { lines.append($0) })
            .run(initialModel: folder + "/plain.safetensors", stopAfterSteps: 0)
        XCTAssertEqual(lines, [])
        XCTAssertEqual(try SafeTensorsFile(path: folder + "/c.safetensors").tensors[name]?.data,
                       try SafeTensorsFile(path: folder + "/plain.safetensors").tensors[name]?.data)
    }

    func testPretrainingSettingsAreChecked() throws {
        for (settings, message) in [(#"{"steps": 0, "batchSize": 8, "learningRate": 0.005}"#, "mappingPretraining.steps: must be a whole number of 1 or more, not 0"),
                                    (#"{"steps": 10, "batchSize": 8, "learningRate": -1}"#, "mappingPretraining.learningRate: must be positive, not -1"),
                                    (#"{"steps": 10, "batch": 8, "learningRate": 0.005}"#, "mappingPretraining.batch: is not a field this reader knows")] {
            XCTAssertThrowsError(try config(pretraining: settings)) { error in
                XCTAssertTrue("\(error)".contains(message), "\(error)")
            }
        }
    }
}

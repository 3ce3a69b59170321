import Foundation
import XCTest
import StyleCastIO
import StyleGAN
import StyleCastArt
@testable import Training
import TestSupport

final class TrainerTests: TemporaryFolderTestCase {
    private func tinyConfig(images: Int = 1000, extra: String = "") throws -> String {
        try writeTinyTrainingConfig(in: folder, images: images, extra: extra)
    }

    func testLossFallsAndTheModelLoadsWithItsMetadata() throws {
        let config = try TrainingConfig.read(path: tinyConfig())
        var losses: [Double] = []
        let trainer = Trainer(config: config, outputPath: folder + "/tiny.safetensors")
        try trainer.run(stopAfterSteps: 30) { losses.append($0.loss) }
        XCTAssertEqual(losses.count, 30)
        let early = losses.prefix(5).reduce(0, +) / 5, late = losses.suffix(5).reduce(0, +) / 5
        XCTAssertLessThan(late, early * 0.7, "loss should fall: \(losses)")

        let file = try SafeTensorsFile(path: folder + "/tiny.safetensors")
        XCTAssertEqual(file.metadata["stylecast_target"], "face-portrait")
        XCTAssertEqual(file.metadata["stylecast_rows"], #"{"colours":[7,8,9],"expression":[5,6],"headTurn":[1],"shape":[0,2,3,4]}"#)
        let generator = try Generator(file: file)
        XCTAssertEqual(generator.synthesis.imageWidth, 144)
        XCTAssertEqual(generator.mapping.wAverage?.contains { $0 != 0 }, true, "w_avg is tracked")
    }

    func testAResumedRunWritesTheSameModelAsAnUninterruptedOne() throws {
        let config = try TrainingConfig.read(path: tinyConfig(images: 8))
        try Trainer(config: config, outputPath: folder + "/straight.safetensors").run()
        let interrupted = Trainer(config: config, outputPath: folder + "/resumed.safetensors")
        try interrupted.run(stopAfterSteps: 2)
        try Trainer(config: config, outputPath: folder + "/resumed.safetensors").run(resume: interrupted.checkpointPath)
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/straight.safetensors"),
                       FileManager.default.contents(atPath: folder + "/resumed.safetensors"))
    }

    func testAnAveragedRunResumesExactlyAndWritesTheAverageNotTheLastWeights() throws {
        let config = try TrainingConfig.read(path: tinyConfig(images: 8, extra: #", "weightAverageHalfLifeImages": 4, "warmupImages": 4"#))
        try Trainer(config: config, outputPath: folder + "/straight.safetensors").run()
        let interrupted = Trainer(config: config, outputPath: folder + "/resumed.safetensors")
        try interrupted.run(stopAfterSteps: 2)
        try Trainer(config: config, outputPath: folder + "/resumed.safetensors").run(resume: interrupted.checkpointPath)
        let straight = try SafeTensorsFile(path: folder + "/straight.safetensors")
        XCTAssertTrue(FileManager.default.contents(atPath: folder + "/straight.safetensors")
                      == FileManager.default.contents(atPath: folder + "/resumed.safetensors"), "same model bytes")
        // The checkpoint keeps the last weights; the model is their average, so they differ.
        let checkpoint = try SafeTensorsFile(path: folder + "/straight.safetensors.checkpoint")
        let name = "synthesis.b9.conv1.weight"
        XCTAssertNotEqual(checkpoint.tensors[name]?.data, straight.tensors[name]?.data)
        XCTAssertEqual(checkpoint.tensors["trainer.weight_average"]?.count, try ModelParameters(spec: config.generatorSpec(), seed: 0).parameterCount)
        XCTAssertEqual(straight.metadata["stylecast_training_images"], "8")
        XCTAssertEqual(straight.metadata["stylecast_training_steps"], "4")
    }

    func testTrainingGoesOnFromAModelFileWithItsCountsAndAWarmedUpOptimiser() throws {
        let config = try TrainingConfig.read(path: tinyConfig(images: 16, extra: #", "warmupImages": 8"#))
        XCTAssertEqual(config.learningRate(imagesSinceOptimiserStart: 0), 0.01 * 2 / 10, accuracy: 1e-7)
        XCTAssertEqual(config.learningRate(imagesSinceOptimiserStart: 8), 0.01)
        let first = Trainer(config: config, outputPath: folder + "/first.safetensors")
        try first.run(stopAfterSteps: 3)
        var steps: [Int] = []
        let final = try Trainer(config: config, outputPath: folder + "/second.safetensors")
            .run(initialModel: folder + "/first.safetensors") { steps.append($0.step) }
        XCTAssertEqual(steps, [4, 5, 6, 7, 8], "counts go on from the model's")
        XCTAssertEqual(final.images, 16)
        let second = try SafeTensorsFile(path: folder + "/second.safetensors")
        XCTAssertNotEqual(second.tensors["synthesis.b9.conv1.weight"]?.data,
                          try SafeTensorsFile(path: folder + "/first.safetensors").tensors["synthesis.b9.conv1.weight"]?.data)

        // A model of another generator, or one with no training counts, is refused with the reason.
        let otherPath = try tinyConfig(images: 16)
        try String(contentsOfFile: otherPath, encoding: .utf8).replacingOccurrences(of: #""channel_max": 8"#, with: #""channel_max": 4"#)
            .write(toFile: otherPath, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Trainer(config: TrainingConfig.read(path: otherPath), outputPath: folder + "/x.safetensors")
            .run(initialModel: folder + "/first.safetensors")) { error in
            XCTAssertTrue("\(error)".contains("init_kwargs differ from the config's generator"), "\(error)")
        }
        var foreign = try SafeTensorsFile(path: folder + "/first.safetensors")
        foreign = SafeTensorsFile(path: foreign.path, metadata: foreign.metadata.filter { !$0.key.hasPrefix("stylecast_training_") },
                                  tensors: foreign.tensors)
        try foreign.write(to: folder + "/foreign.safetensors")
        XCTAssertThrowsError(try Trainer(config: config, outputPath: folder + "/x.safetensors")
            .run(initialModel: folder + "/foreign.safetensors")) { error in
            XCTAssertTrue("\(error)".contains("not a model written by `stylecast train`"), "\(error)")
        }
    }

    func testConfigErrorsNameTheFileAndField() throws {
        let path = try tinyConfig()
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: #""colours": [7, 8, 9]"#, with: #""colours": [7, 8]"#)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try TrainingConfig.read(path: path)) { error in
            XCTAssertEqual("\(error)", "\(path):5:10: rows: row 9 is in no group; add it to one of rows.shape/headTurn/expression/colours")
        }
        try "{\"target\": \"walk-sheet\"}".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try TrainingConfig.read(path: path)) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(path):1:1: generator: is required (the network's init_kwargs"), "\(error)")
        }
        // Each field is checked where it stands: type, range, unknown keys, the generator's own fields.
        for (from, to, message) in [(#""batchSize": 2"#, #""batchSize": 0"#, ":6:26: batchSize: must be a whole number of 1 or more, not 0"),
                                    (#""seed": 3"#, #""seed": "3""#, ":6:10: seed: must be a whole number from 0 to 4294967295, not the string \"3\""),
                                    (#""learningRate": 0.01"#, #""learningrate": 0.01"#, ":6:29: learningrate: is not a field this reader knows"),
                                    (#""img_channels": 4"#, #""img_channels": 3"#, ":1:114: generator.img_channels: must be 4 (RGBA art), got 3"),
                                    (#""z_dim": 128"#, #""z_dim": true"#, ":1:25: generator.z_dim: must be a whole number from 0 to 1048576, not true")] {
            try String(contentsOfFile: tinyConfig(), encoding: .utf8).replacingOccurrences(of: from, with: to)
                .write(toFile: path, atomically: true, encoding: .utf8)
            XCTAssertThrowsError(try TrainingConfig.read(path: path)) { error in
                XCTAssertTrue("\(error)".hasPrefix(path + message), "\(error)")
            }
        }
    }

    func testTrainingSamplesMixAttributeGroupsWithTheirRows() {
        let stream = SampleStream(seed: 1, zDim: 128, groups: ["shape", "headTurn", "expression", "colours"], mixingProbability: 1)
        let rows = RowGroups(shape: [0, 2, 3, 4], headTurn: [1], expression: [5, 6], colours: [7, 8, 9])
        let objective = SupervisedObjective(target: .facePortrait, rows: rows)
        let samples = stream.batch(step: 0, size: 20)
        XCTAssertEqual(samples.map(\.zA), stream.batch(step: 0, size: 20).map(\.zA), "a step's batch depends on the step alone")
        for sample in samples {
            let mixed = sample.attributes()
            let a = LatentAttributeCode.attributes(latent: sample.zA), b = LatentAttributeCode.attributes(latent: sample.zB)
            XCTAssertEqual(mixed.colours, sample.fromB["colours"]! ? b.colours : a.colours)
            XCTAssertEqual(mixed.shape, sample.fromB["shape"]! ? b.shape : a.shape)
            let wA = [Float](repeating: 1, count: 4), wB = [Float](repeating: 2, count: 4)
            let ws = objective.ws(sample, wA: wA, wB: wB, numWs: 10)
            XCTAssertEqual(ws[7 * 4], sample.fromB["colours"]! ? 2 : 1)
            XCTAssertEqual(ws[1 * 4], sample.fromB["headTurn"]! ? 2 : 1)
        }
    }
}

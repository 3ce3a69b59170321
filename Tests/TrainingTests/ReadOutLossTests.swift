import Foundation
import XCTest
import StyleCastArt
import StyleCastIO
import StyleGAN
@testable import Training
import TestSupport

final class ReadOutLossTests: TemporaryFolderTestCase {
    private let readOut = #", "readOutLoss": {"weight": 1, "learningRate": 0.01}"#

    private func head(_ config: TrainingConfig) throws -> (ReadOutHead, MappingNetwork) {
        let spec = try config.generatorSpec()
        let mapping = try ModelParameters(spec: spec, seed: config.seed).generator().mapping
        return (ReadOutHead(fittedTo: mapping, target: config.target, zDim: spec.zDim, seed: config.seed, count: 512), mapping)
    }

    /// Mean read-out error of `head` over the latents of `seed`.
    private func meanLoss(_ head: ReadOutHead, _ mapping: MappingNetwork, seed: UInt32, count: Int = 512) -> Double {
        var random = NumpyRandom(seed: seed ^ 0x7265_6164)
        var unused = [Float](repeating: 0, count: head.values.count)
        var sum: Double = 0
        for _ in 0..<count {
            let z = random.standardNormal(count: 128).map { Float($0) }
            sum += head.evaluate(w: mapping.record(z: z).w, attributes: LatentAttributeCode.attributes(latent: z),
                                 scale: 1, headGradient: &unused).loss
        }
        return sum / Double(count)
    }

    func testTheFittedHeadIsTheLeastSquaresReadOutOfItsLatents() throws {
        let config = try TrainingConfig.read(path: writeTinyTrainingConfig(in: folder, extra: readOut))
        let (fitted, mapping) = try head(config)
        XCTAssertEqual(fitted.values.count, fitted.features.width * (16 + 1))
        let best = meanLoss(fitted, mapping, seed: config.seed)
        // Any small change of any weight or bias makes it worse on the latents it was fitted to
        // (up to the fit's small ridge).
        for index in stride(from: 0, to: fitted.values.count, by: 37) {
            for delta: Float in [-0.05, 0.05] {
                var moved = fitted
                moved.values[index] += delta
                XCTAssertGreaterThan(meanLoss(moved, mapping, seed: config.seed), best - 1e-6, "value \(index) moved by \(delta)")
            }
        }
        // And it reads a latent's attributes better than reading nothing (the features' mean square).
        var zero = fitted
        zero.values = [Float](repeating: 0, count: fitted.values.count)
        XCTAssertLessThan(best, meanLoss(zero, mapping, seed: config.seed) * 0.9)
    }

    func testGradientsMatchFiniteDifferences() throws {
        let config = try TrainingConfig.read(path: writeTinyTrainingConfig(in: folder, extra: readOut))
        let (head, mapping) = try head(config)
        var random = NumpyRandom(seed: 9)
        let z = random.standardNormal(count: 128).map { Float($0) }
        let w = mapping.record(z: z).w, attributes = LatentAttributeCode.attributes(latent: z)
        func loss(_ head: ReadOutHead, _ w: [Float]) -> Double {
            var unused = [Float](repeating: 0, count: head.values.count)
            return head.evaluate(w: w, attributes: attributes, scale: 1, headGradient: &unused).loss
        }
        var headGradient = [Float](repeating: 0, count: head.values.count)
        let wGradient = head.evaluate(w: w, attributes: attributes, scale: 1, headGradient: &headGradient).wGradient
        let h: Float = 1e-2
        for j in 0..<w.count {
            var up = w, down = w
            up[j] += h
            down[j] -= h
            XCTAssertEqual(Float((loss(head, up) - loss(head, down)) / Double(2 * h)), wGradient[j], accuracy: 2e-3, "w[\(j)]")
        }
        for index in stride(from: 0, to: head.values.count, by: 11) {
            var up = head, down = head
            up.values[index] += h
            down.values[index] -= h
            XCTAssertEqual(Float((loss(up, w) - loss(down, w)) / Double(2 * h)), headGradient[index], accuracy: 2e-3, "head \(index)")
        }
    }

    func testARunResumesWithItsReadOutHeadExactly() throws {
        let config = try TrainingConfig.read(path: writeTinyTrainingConfig(in: folder, images: 8, extra: readOut))
        XCTAssertEqual(config.readOutLoss, ReadOutLoss(weight: 1, learningRate: 0.01))
        try Trainer(config: config, outputPath: folder + "/straight.safetensors").run()
        let interrupted = Trainer(config: config, outputPath: folder + "/resumed.safetensors")
        try interrupted.run(stopAfterSteps: 2)
        XCTAssertNotNil(try SafeTensorsFile(path: interrupted.checkpointPath).tensors[ReadOutHead.weightTensor])
        try Trainer(config: config, outputPath: folder + "/resumed.safetensors").run(resume: interrupted.checkpointPath)
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/straight.safetensors"),
                       FileManager.default.contents(atPath: folder + "/resumed.safetensors"))
        // The model file is a plain generator: the head stays in the checkpoint.
        XCTAssertNil(try SafeTensorsFile(path: folder + "/straight.safetensors").tensors[ReadOutHead.weightTensor])

    }

    func testTheLossKeepsTheAttributesMoreReadableFromW() throws {
        // The same short run with and without the read-out loss (the mapping at the shipped models'
        // learning rate); then a fresh least-squares read-out of each run's mapping, judged on
        // latents neither saw.
        func readOutError(after extra: String) throws -> Double {
            let path = try writeTinyTrainingConfig(in: folder, extra: extra)
            try String(contentsOfFile: path, encoding: .utf8)
                .replacingOccurrences(of: #""mapping_kwargs": {"num_layers": 1}"#, with: #""mapping_kwargs": {"num_layers": 2, "lr_multiplier": 1}"#)
                .replacingOccurrences(of: #""w_dim": 16"#, with: #""w_dim": 64"#)
                .replacingOccurrences(of: #""learningRate": 0.01,"#, with: #""learningRate": 0.03,"#)
                .write(toFile: path, atomically: true, encoding: .utf8)
            let config = try TrainingConfig.read(path: path)
            try Trainer(config: config, outputPath: folder + "/run.safetensors").run(stopAfterSteps: 60)
            let checkpoint = try SafeTensorsFile(path: folder + "/run.safetensors.checkpoint")
            let spec = try config.generatorSpec()
            let mapping = try ModelParameters(spec: spec, tensors: checkpoint.tensors.filter { !$0.key.hasPrefix("trainer.") })
                .generator().mapping
            let fitted = ReadOutHead(fittedTo: mapping, target: config.target, zDim: spec.zDim, seed: 11, count: 1024)
            return meanLoss(fitted, mapping, seed: 12)
        }
        let plain = try readOutError(after: "")
        let withLoss = try readOutError(after: #", "readOutLoss": {"weight": 100, "learningRate": 0.01}"#)
        XCTAssertLessThan(withLoss, plain * 0.98, "read-out error of w: \(withLoss) with the loss, \(plain) without")
    }

    func testReadOutSettingsAreChecked() throws {
        for (extra, message) in [(#", "readOutLoss": {"weight": 0, "learningRate": 0.01}"#, "readOutLoss.weight: must be positive, not 0"),
                                 (#", "readOutLoss": {"weight": 1}"#, "readOutLoss.learningRate: is required"),
                                 (#", "readOutLoss": {"weight": 1, "learningRate": 0.01, "rate": 2}"#,
                                  "readOutLoss.rate: is not a field this reader knows")] {
            let path = try writeTinyTrainingConfig(in: folder, extra: extra)
            XCTAssertThrowsError(try TrainingConfig.read(path: path)) { error in
                XCTAssertTrue("\(error)".contains(message), "\(error)")
            }
        }
    }
}

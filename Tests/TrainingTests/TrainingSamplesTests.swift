import Foundation
import XCTest
import StyleCastArt
import StyleCastIO
@testable import stylecast
@testable import Training
import TestSupport

/// `stylecast train-samples`: its bytes are the documented format and hold the batches and
/// targets `stylecast train` uses, so an outside trainer (tools/gpu_train.py) sees the same run.
final class TrainingSamplesTests: TemporaryFolderTestCase {
    /// A walk-sheet config (192x144 from 12x9, 10 w rows) whose network is tiny: the stream only needs its sizes.
    private func configPath() throws -> String {
        let text = """
            {"generator": {"z_dim": 32, "c_dim": 0, "w_dim": 8, "img_resolution": 192, "init_res": [12, 9], "img_channels": 4,
                           "mapping_kwargs": {"num_layers": 1}, "channel_base": 768, "channel_max": 4,
                           "architecture": "skip", "conv_clamp": null, "use_noise": false},
             "target": "walk-sheet", "rows": {"shape": [0, 1, 2, 3, 4, 5], "colours": [6, 7, 8, 9]},
             "seed": 5, "batchSize": 3, "learningRate": 0.01, "adamBeta1": 0.9, "adamBeta2": 0.99,
             "mixingProbability": 0.9, "images": 100, "minutes": 1, "checkpointMinutes": 5, "wAverageBeta": 0.9}
            """
        let path = folder + "/samples.json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Reads the stream by the documented layout alone.
    private struct Decoded {
        var header: [String: Any]
        var records: [(step: Int64, zA: [Float], zB: [Float], fromB: [UInt8], target: [UInt8], emphasis: [UInt8])]
    }

    private func decode(_ bytes: [UInt8]) throws -> Decoded {
        XCTAssertEqual(Array(bytes.prefix(8)), Array("SCSAMP01".utf8))
        var offset = 8
        func take(_ count: Int) -> [UInt8] { defer { offset += count }; return Array(bytes[offset ..< offset + count]) }
        func integer<T: FixedWidthInteger>(_: T.Type) -> T {
            take(MemoryLayout<T>.size).reversed().reduce(T(0)) { $0 << 8 | T($1) }
        }
        func floats(_ count: Int) -> [Float] { (0..<count).map { _ in Float(bitPattern: integer(UInt32.self)) } }
        let length = Int(integer(UInt32.self))
        let header = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(take(length))) as? [String: Any])
        let batch = header["batch_size"] as! Int, zDim = header["z_dim"] as! Int, numWs = header["num_ws"] as! Int
        let pixels = (header["height"] as! Int) * (header["width"] as! Int)
        // The emphasis mask is there only when the header gives its weight.
        let maskBytes = header["emphasis_weight"] == nil ? 0 : batch * pixels
        var records: Decoded = Decoded(header: header, records: [])
        while offset < bytes.count {
            records.records.append((integer(Int64.self), floats(batch * zDim), floats(batch * zDim),
                                    take(batch * numWs), take(batch * pixels * 4), take(maskBytes)))
        }
        return records
    }

    func testTheStreamHoldsTheRunsBatchesAndTheRenderersTargets() throws {
        let out = folder + "/stream.bin"
        var command = try StyleCast.parseAsRoot(["train-samples", "--config", try configPath(), "--first-step", "7",
                                                 "--stride", "2", "--steps", "2", "--out", out])
        try command.run()
        let decoded = try decode(try XCTUnwrap(FileManager.default.contents(atPath: out).map { [UInt8]($0) }))
        XCTAssertEqual(decoded.header["height"] as? Int, 192)
        XCTAssertEqual(decoded.header["width"] as? Int, 144)
        XCTAssertEqual(decoded.header["num_ws"] as? Int, 10)
        XCTAssertEqual(decoded.header["first_step"] as? Int, 7)
        XCTAssertEqual(decoded.header["stride"] as? Int, 2)
        XCTAssertEqual(decoded.records.map(\.step), [7, 9])

        // What `stylecast train` draws for step 9 of this run (Trainer: SampleStream + SupervisedObjective).
        let config = try TrainingConfig.read(path: configPath())
        let stream = SampleStream(seed: 5, zDim: 32, groups: config.rows.groups.map(\.name), mixingProbability: 0.9)
        let samples = stream.batch(step: 9, size: 3)
        let record = decoded.records[1]
        let plane = 192 * 144 * 4
        XCTAssertTrue(samples.contains { !$0.fromB.isEmpty }, "the test should see some mixed samples")
        for (row, sample) in samples.enumerated() {
            XCTAssertEqual(Array(record.zA[row * 32 ..< (row + 1) * 32]), sample.zA)
            XCTAssertEqual(Array(record.zB[row * 32 ..< (row + 1) * 32]), sample.zB)
            let expectedRows = (0..<10).map { UInt8(sample.fromB[$0 < 6 ? "shape" : "colours"] == true ? 1 : 0) }
            XCTAssertEqual(Array(record.fromB[row * 10 ..< (row + 1) * 10]), expectedRows)
            XCTAssertEqual(Array(record.target[row * plane ..< (row + 1) * plane]), WalkSheet.render(sample.attributes()).pixels,
                           "sample \(row)'s target is the renderer's walk sheet of the mixed attributes")
        }
    }

    func testWithAnEmphasisEachTargetComesWithTheMaskTheTrainerWeighs() throws {
        let path = try writeTinyTrainingConfig(in: folder, extra: #", "attributeEmphasis": {"weight": 4, "attributes": ["expression"]}"#)
        let config = try TrainingConfig.read(path: path)
        let samples = try TrainingSamples(config: config)
        let bytes = try samples.header(firstStep: 3, stride: 1, steps: 1) + samples.records(steps: [3])
        let decoded = try decode(bytes)
        XCTAssertEqual(decoded.header["format"] as? Int, 2)
        XCTAssertEqual(decoded.header["emphasis_weight"] as? Double, 4)
        XCTAssertEqual(decoded.records.count, 1, "the record's size is what the header implies")
        let record = decoded.records[0]
        let stream = SampleStream(seed: 3, zDim: 128, groups: config.rows.groups.map(\.name), mixingProbability: 0.5)
        let plane = 144 * 144
        var marked = 0
        for (row, sample) in stream.batch(step: 3, size: 2).enumerated() {
            let character = sample.attributes()
            let expected = config.attributeEmphasis!.mask(character: character, drawing: FacePortrait.render(character),
                                                          contrastKey: sample.contrastKey, render: FacePortrait.render)
            XCTAssertEqual(Array(record.emphasis[row * plane ..< (row + 1) * plane]), expected, "sample \(row)")
            marked += expected.filter { $0 == 1 }.count
        }
        XCTAssertGreaterThan(marked, 0, "an expression's pixels are marked")
        // Without the emphasis the stream carries no mask.
        let plain = try TrainingSamples(config: TrainingConfig.read(path: writeTinyTrainingConfig(in: folder)))
        let plainDecoded = try decode(try plain.header(firstStep: 3, stride: 1, steps: 1) + plain.records(steps: [3]))
        XCTAssertNil(plainDecoded.header["emphasis_weight"])
        XCTAssertEqual(plainDecoded.records.map(\.target), decoded.records.map(\.target))
    }

    func testAConfigWhoseImageIsNotTheRenderersIsRefused() throws {
        let path = try configPath()
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\"walk-sheet\"", with: "\"face-portrait\"")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let samples = try TrainingSamples(config: TrainingConfig.read(path: path))
        XCTAssertThrowsError(try samples.records(steps: [0])) { error in
            XCTAssertTrue("\(error)".contains("not the network's 144x192 output"), "\(error)")
        }
    }
}

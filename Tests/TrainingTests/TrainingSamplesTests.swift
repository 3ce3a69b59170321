import Foundation
import XCTest
import StyleCastArt
import StyleCastIO
@testable import stylecast
@testable import Training

/// `stylecast train-samples`: its bytes are the documented format and hold the batches and
/// targets `stylecast train` uses, so an outside trainer (tools/gpu_train.py) sees the same run.
final class TrainingSamplesTests: XCTestCase {
    private var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "stylecast-samples-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

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
        var records: [(step: Int64, zA: [Float], zB: [Float], fromB: [UInt8], target: [UInt8])]
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
        let imageBytes = (header["height"] as! Int) * (header["width"] as! Int) * 4
        var records: Decoded = Decoded(header: header, records: [])
        while offset < bytes.count {
            records.records.append((integer(Int64.self), floats(batch * zDim), floats(batch * zDim),
                                    take(batch * numWs), take(batch * imageBytes)))
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

import CommandLineSupport
import Foundation
import StyleGAN
import XCTest

/// `stylecast train` stopped by a signal, as a person's Ctrl-C or a process manager's SIGTERM
/// stops it: the real program, so that the signal reaches it as it would.
final class TrainCommandTests: XCTestCase {
    private var folder = ""

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "stylecast-train-command-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// A face model small enough for a step in a fraction of a second, with a budget no test reaches.
    private func writeTinyConfig() throws -> String {
        let text = """
            {"generator": {"z_dim": 128, "c_dim": 0, "w_dim": 16, "img_resolution": 144, "init_res": [9, 9], "img_channels": 4,
                           "mapping_kwargs": {"num_layers": 1}, "channel_base": 576, "channel_max": 8,
                           "architecture": "skip", "conv_clamp": null, "use_noise": false},
             "target": "face-portrait",
             "rows": {"shape": [0, 2, 3, 4], "headTurn": [1], "expression": [5, 6], "colours": [7, 8, 9]},
             "seed": 3, "batchSize": 2, "learningRate": 0.01, "adamBeta1": 0.9, "adamBeta2": 0.99,
             "mixingProbability": 0.5, "images": 100000000, "minutes": 600, "checkpointMinutes": 600, "wAverageBeta": 0.9}
            """
        let path = folder + "/tiny.json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func launch(_ arguments: [String], log: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try stylecastBinary(besideBundleOf: Self.self))
        process.arguments = arguments
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: log)
        process.standardError = FileHandle(forWritingAtPath: log)
        try process.run()
        return process
    }

    func testSIGTERMStopsAfterTheStepAndKeepsTheModelAndCheckpoint() throws {
        let config = try writeTinyConfig(), model = folder + "/tiny.safetensors", log = folder + "/train.log"
        let process = try launch(["train", "--config", config, "--out", model], log: log)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        // The first progress line comes after the first step.
        let deadline = Date().addingTimeInterval(120)
        while !((try? String(contentsOfFile: log, encoding: .utf8))?.contains("step ") ?? false) {
            guard process.isRunning, Date() < deadline else {
                return XCTFail("training did not start: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
            }
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let output = try String(contentsOfFile: log, encoding: .utf8)
        XCTAssertEqual(process.terminationReason, .exit, output)
        XCTAssertEqual(process.terminationStatus, 130, output)
        XCTAssertTrue(output.contains("stopped early: go on with --resume \(model).checkpoint"), output)

        // Nothing lost: the model holds the steps it made, and the run goes on from its checkpoint.
        let steps = try XCTUnwrap(SafeTensorsFile(path: model).metadata["stylecast_training_steps"].flatMap(Int.init))
        XCTAssertGreaterThanOrEqual(steps, 1)
        let resumed = try launch(["train", "--config", config, "--out", model, "--resume", model + ".checkpoint", "--steps", "1"],
                                 log: folder + "/resume.log")
        resumed.waitUntilExit()
        XCTAssertEqual(resumed.terminationStatus, 0, (try? String(contentsOfFile: folder + "/resume.log", encoding: .utf8)) ?? "")
        XCTAssertEqual(try SafeTensorsFile(path: model).metadata["stylecast_training_steps"], String(steps + 1))
    }
}

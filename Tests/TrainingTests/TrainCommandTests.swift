import TestSupport
import Foundation
import StyleGAN
import XCTest

/// `stylecast train` stopped by a signal, as a person's Ctrl-C or a process manager's SIGTERM
/// stops it: the real program, so that the signal reaches it as it would.
final class TrainCommandTests: TemporaryFolderTestCase {
    func testSIGTERMStopsAfterTheStepAndKeepsTheModelAndCheckpoint() throws {
        // A budget no test reaches.
        let config = try writeTinyTrainingConfig(in: folder, images: 100_000_000)
        let binary = try stylecastBinary(besideBundleOf: Self.self)
        let model = folder + "/tiny.safetensors", log = folder + "/train.log"
        let process = try launch(binary, ["train", "--config", config, "--out", model], log: log)
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
        let resumed = try launch(binary, ["train", "--config", config, "--out", model, "--resume", model + ".checkpoint", "--steps", "1"],
                                 log: folder + "/resume.log")
        resumed.waitUntilExit()
        XCTAssertEqual(resumed.terminationStatus, 0, (try? String(contentsOfFile: folder + "/resume.log", encoding: .utf8)) ?? "")
        XCTAssertEqual(try SafeTensorsFile(path: model).metadata["stylecast_training_steps"], String(steps + 1))
    }

    /// A process pinned to one core (`taskset`, a container's cpuset) runs the engine's passes
    /// inline, as many as it may use, and trains the very model an unpinned run trains.
    func testARunPinnedToOneCoreSeesOneCoreAndTrainsTheSameModel() throws {
        let taskset = "/usr/bin/taskset"
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: taskset), "no taskset")
        try XCTSkipUnless(ProcessInfo.processInfo.activeProcessorCount > 1, "one core: nothing to pin")
        let binary = try stylecastBinary(besideBundleOf: Self.self)
        let config = try writeTinyTrainingConfig(in: folder)
        func run(_ arguments: [String], log: String) throws -> String {
            let process = try launch(arguments[0], Array(arguments.dropFirst()), log: folder + "/" + log)
            process.waitUntilExit()
            let output = try String(contentsOfFile: folder + "/" + log, encoding: .utf8)
            XCTAssertEqual(process.terminationStatus, 0, output)
            return output
        }
        let pinnedBench = try run([taskset, "-c", "0", binary, "bench", "--random", "sg2-64", "--runs", "1"], log: "bench.log")
        XCTAssertTrue(pinnedBench.contains("64x64, 1 cores"), pinnedBench)
        let free = folder + "/free.safetensors", pinned = folder + "/pinned.safetensors"
        _ = try run([binary, "train", "--config", config, "--out", free, "--steps", "3"], log: "free.log")
        _ = try run([taskset, "-c", "0", binary, "train", "--config", config, "--out", pinned, "--steps", "3"], log: "pinned.log")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: free)), try Data(contentsOf: URL(fileURLWithPath: pinned)))
    }
}

import XCTest
import StyleCastIO
import TestSupport
@testable import StyleCastProject

/// Kills the real `stylecast export` with SIGKILL in the middle of its commit, then checks
/// that the next run puts the project back exactly as it was, and that a run after that lands
/// whole.
final class KillMidCommitTests: XCTestCase {
    func testKilledCommitIsRolledBackByTheNextRun() throws {
        let binary = try stylecastBinary(besideBundleOf: Self.self)
        let project = try TemporaryProject()
        defer { project.remove() }
        // A first export, so that the killed run replaces files as well as creating them.
        let writer = try ProjectWriter(projectPath: project.root)
        try writer.add(CharacterExport(name: "Ann", art: testArt(seed: 1)))
        _ = try writer.commit()
        let original = try project.snapshot(includingState: true).filter { $0.key != ".stylecast/lock" }

        let inputs = project.root + "-inputs"
        try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: inputs) }
        let art = try testArt(seed: 2)
        try Data(PNG.encode(art.walkSheet)).write(to: URL(fileURLWithPath: inputs + "/sheet.png"))
        try Data(PNG.encode(FaceSetLayout.standard.faceSet(art.faces))).write(to: URL(fileURLWithPath: inputs + "/faces.png"))
        let arguments = ["export", "--project", project.root, "--name", "Ann", "--sheet", inputs + "/sheet.png",
                         "--faces", inputs + "/faces.png", "--nickname", "Killed"]

        // The commit moves 4 files: the sheet, the face set, Actors.json and the record.
        for pauseAfter in [1, 3] {
            let log = inputs + "/log-\(pauseAfter).txt"
            let process = try launch(binary, arguments, log: log, environment: ["STYLECAST_TEST_PAUSE_AFTER_FILES": String(pauseAfter)])
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
            let deadline = Date().addingTimeInterval(60)
            while !((try? String(contentsOfFile: log, encoding: .utf8))?.contains("test pause") ?? false) {
                guard process.isRunning, Date() < deadline else {
                    return XCTFail("stylecast did not reach the pause: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
                }
                usleep(20_000)
            }
            // While it is paused, it holds the project: another run is locked out.
            XCTAssertThrowsError(try ProjectWriter(projectPath: project.root)) { error in
                XCTAssertTrue(String(describing: error).contains("(pid \(process.processIdentifier))"), "\(error)")
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .uncaughtSignal)

            // Killed midway: some files are new, the journal is still there.
            XCTAssertTrue(FileManager.default.fileExists(atPath: project.path(".stylecast/journal.json")))
            XCTAssertNotEqual(try project.snapshot(includingState: true).filter { $0.key != ".stylecast/lock" }, original)

            // The next run (here: opening a writer, as every run does) restores every byte.
            let next = try ProjectWriter(projectPath: project.root)
            XCTAssertTrue(next.recoveredInterruptedRun)
            XCTAssertEqual(try project.snapshot(includingState: true).filter { $0.key != ".stylecast/lock" }, original,
                           "after a kill at file \(pauseAfter)")
        }

        // And an uninterrupted run lands whole.
        let log = inputs + "/log-whole.txt"
        let process = try launch(binary, arguments, log: log)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
        XCTAssertEqual(try PNG.decode(project.read("img/characters/$Ann.png")), art.walkSheet)
        XCTAssertEqual(try ActorsTable(contentsOfFile: project.path("data/Actors.json")).actor(id: 3)?["nickname"], "Killed")
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.path(".stylecast/journal.json")))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.path(".stylecast"))
        XCTAssertEqual(leftovers.sorted(), ["lock", "record.json"])
    }
}

import XCTest
import StyleCastIO
import TestSupport
@testable import StyleCastProject

final class ProjectDetectionTests: ProjectTestCase {
    func testRecognisesMVAndMZ() throws {
        XCTAssertEqual(try RPGMakerProject(at: makeProject(.rpgMakerMV).root).engine, .rpgMakerMV)
        XCTAssertEqual(try RPGMakerProject(at: makeProject(.rpgMakerMZ).root).engine, .rpgMakerMZ)
        XCTAssertTrue(Engine.rpgMakerMV.exporter.engine == .rpgMakerMV && Engine.rpgMakerMZ.exporter.engine == .rpgMakerMZ)
    }

    func testAFolderThatIsNeitherIsAnError() throws {
        let project = try makeProject()
        try FileManager.default.removeItem(atPath: project.path("Game.rpgproject"))
        assertError(try RPGMakerProject(at: project.root), contains: [project.root, "Game.rpgproject", "game.rmmzproject"])
        assertError(try RPGMakerProject(at: project.path("data/Actors.json")), contains: ["is not a folder"])
        assertError(try RPGMakerProject(at: project.path("nowhere")), contains: ["nowhere", "is not a folder"])
    }

    func testBothProjectFilesIsAnError() throws {
        let project = try makeProject()
        try project.write([], to: "game.rmmzproject")
        assertError(try RPGMakerProject(at: project.root), contains: ["has both"])
    }

    func testMissingActorsFileIsAnError() throws {
        let project = try makeProject()
        try FileManager.default.removeItem(atPath: project.path("data/Actors.json"))
        assertError(try RPGMakerProject(at: project.root), contains: ["data/Actors.json", "missing"])
    }

    func testCorruptActorsFileIsAnErrorWithLineAndColumn() throws {
        let project = try makeProject(actors: "[\nnull,\n{\"id\":1,\"name\":\"A\"\n]")
        assertError(try RPGMakerProject(at: project.root), contains: ["data/Actors.json:4:1:"])
    }

    func testMisshapenActorsFileNamesThePlaceAndTheField() throws {
        for (actors, place) in [("{}", ":1:1: (top level): must be an array"), ("[]", ":1:1: (top level): must be an array"),
                                ("[1]", ":1:2: [0]: must be null"), ("[null,{\"id\":1},{\"id\":3}]", ":1:22: [2].id: must be 2"),
                                ("[null,\n{\"name\":\"A\"}]", ":2:1: [1].id: must be 1"), ("[null,7]", ":1:7: [1]: must be an actor object")] {
            let project = try makeProject(actors: actors)
            assertError(try RPGMakerProject(at: project.root), contains: ["data/Actors.json" + place])
        }
    }

    func testErrorsComeBeforeAnythingIsWritten() throws {
        let project = try makeProject(actors: "[null,")
        let before = try project.snapshot(includingState: true)
        XCTAssertThrowsError(try ProjectWriter(projectPath: project.root))
        XCTAssertEqual(try project.snapshot(includingState: true), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.path(".stylecast")))
    }

    func testReadOnlyProjectIsAnErrorBeforeAnythingIsWritten() throws {
        let project = try makeProject()
        chmod(project.path("data"), 0o555)
        defer { chmod(project.path("data"), 0o755) }
        if geteuid() != 0 {
            assertError(try ProjectWriter(projectPath: project.root), contains: [project.path("data"), "read-only"])
        } else {
            // Permissions do not stop root, so the real binary runs as an unprivileged user
            // that owns the project but may not write its data folder.
            let setpriv = "/usr/bin/setpriv"
            try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: setpriv), "running as root without setpriv")
            let binary = try stylecastBinary(besideBundleOf: Self.self)
            let nobody: uid_t = 65534
            for path in [project.root, project.path("data"), project.path("data/Actors.json"), project.path("Game.rpgproject")] {
                XCTAssertEqual(chown(path, nobody, gid_t(nobody)), 0)
            }
            let art = try testArt()
            try project.write(PNG.encode(art.walkSheet), to: "inputs/sheet.png")
            try project.write(PNG.encode(FaceSetLayout.standard.faceSet(art.faces)), to: "inputs/faces.png")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: setpriv)
            process.arguments = ["--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups", binary, "export",
                                 "--project", project.root, "--name", "Ann",
                                 "--sheet", project.path("inputs/sheet.png"), "--faces", project.path("inputs/faces.png")]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            process.waitUntilExit()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            XCTAssertEqual(process.terminationStatus, 1, message)
            XCTAssertTrue(message.contains(project.path("data") + ": is read-only"), message)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.path(".stylecast")))
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.path("img")))
    }
}

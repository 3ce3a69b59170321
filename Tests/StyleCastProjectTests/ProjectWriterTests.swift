import XCTest
import StyleCastIO
@testable import StyleCastProject

final class ProjectWriterTests: ProjectTestCase {
    private func export(_ character: CharacterExport, to project: TemporaryProject,
                        options: ProjectWriter.Options = .init()) throws -> ProjectWriter.CommitReport {
        let writer = try ProjectWriter(projectPath: project.root, options: options)
        try writer.add(character)
        return try writer.commit()
    }

    func testExportWritesSheetFacesActorAndRecord() throws {
        for engine in Engine.allCases {
            let project = try makeProject(engine)
            let art = try testArt()
            let report = try export(CharacterExport(name: "Héroïne", art: art, faceIndex: 3,
                                                    fields: ActorFields(name: "Héroïne")), to: project)
            XCTAssertEqual(report.written, ["img/characters/$Héroïne.png", "img/faces/Héroïne.png",
                                            "data/Actors.json", ".stylecast/record.json"])
            XCTAssertEqual(try PNG.decode(project.read("img/characters/$Héroïne.png")), art.walkSheet)
            XCTAssertEqual(try PNG.decode(project.read("img/faces/Héroïne.png")), FaceSetLayout.standard.faceSet(art.faces))
            let actor = try ActorsTable(contentsOfFile: project.path("data/Actors.json")).actor(id: 3)
            XCTAssertEqual(actor?["characterName"], "$Héroïne")
            XCTAssertEqual(actor?["faceIndex"], 3)
            let record = try JSONDocument(contentsOfFile: project.path(".stylecast/record.json")).root
            XCTAssertEqual(record["files"]?["img/faces/Héroïne.png"]?["sha256"]?.stringValue,
                           SHA256.hexDigest(try project.read("img/faces/Héroïne.png")))
            XCTAssertNil(record["files"]?["data/Actors.json"], "Actors.json is merged, never owned")
        }
    }

    func testSameInputsGiveByteIdenticalProjects() throws {
        let first = try makeProject(), second = try makeProject()
        for project in [first, second] {
            _ = try export(CharacterExport(name: "Ann", art: testArt(seed: 9)), to: project)
        }
        XCTAssertEqual(try first.snapshot(), try second.snapshot())
        // Running again changes nothing and writes nothing.
        let again = try export(CharacterExport(name: "Ann", art: testArt(seed: 9)), to: first)
        XCTAssertEqual(again.written, [])
        XCTAssertEqual(again.unchanged, ["img/characters/$Ann.png", "img/faces/Ann.png"])
        XCTAssertEqual(try first.snapshot(), try second.snapshot())
    }

    /// A file StyleCast wrote that already holds the art's pixels is queued as it is, not
    /// encoded again; a file with those pixels that StyleCast did not write is encoded again.
    func testAFileStyleCastWroteWithTheArtsPixelsIsTakenAsItIs() throws {
        let project = try makeProject()
        let art = try testArt(seed: 4)
        let sheet = "img/characters/$Ann.png", face = "img/faces/Ann.png"
        _ = try export(CharacterExport(name: "Ann", art: art), to: project)
        let canonicalFace = try project.read(face)
        // The same pixels at another compression, vouched for by the record like bytes an earlier
        // StyleCast wrote: a new encoding would differ from them, so keeping them shows none was made.
        let earlierSheet = try PNG.encode(art.walkSheet, compression: .fastest)
        let record = try project.text(ProjectRecord.relativePath)
            .replacingOccurrences(of: SHA256.hexDigest(try project.read(sheet)), with: SHA256.hexDigest(earlierSheet))
        try project.write(Array(record.utf8), to: ProjectRecord.relativePath)
        try project.write(earlierSheet, to: sheet)

        let renamed = try export(CharacterExport(name: "Ann", art: art, fields: ActorFields(nickname: "Annie")), to: project)
        XCTAssertEqual(renamed.written, ["data/Actors.json"])
        XCTAssertEqual(renamed.unchanged, [sheet, face])
        XCTAssertEqual(try project.read(sheet), earlierSheet)

        // Not in the record: encoded again, so replacing it needs --force, and gives the usual bytes.
        try project.write(try PNG.encode(FaceSetLayout.standard.faceSet(art.faces), compression: .fastest), to: face)
        assertError(try export(CharacterExport(name: "Ann", art: art), to: project), contains: [face, "--force"])
        let forced = try export(CharacterExport(name: "Ann", art: art), to: project, options: .init(force: true))
        XCTAssertEqual(forced.written, [face])
        XCTAssertEqual(try project.read(face), canonicalFace)
    }

    func testPackedSheetHoldsSeveralCharactersFromOneTransaction() throws {
        let project = try makeProject()
        let writer = try ProjectWriter(projectPath: project.root)
        let artA = try testArt(seed: 10), artB = try testArt(seed: 20)
        let a = try writer.add(CharacterExport(name: "Ann", art: artA, placement: .packed(sheetName: "Party", characterIndex: 0)))
        let b = try writer.add(CharacterExport(name: "Bo", art: artB, placement: .packed(sheetName: "Party", characterIndex: 7)))
        XCTAssertEqual([a.actorID, b.actorID], [3, 4])
        _ = try writer.commit()
        let sheet = try PNG.decode(project.read("img/characters/Party.png"))
        XCTAssertEqual(sheet.cropped(x: 0, y: 0, width: 144, height: 192), artA.walkSheet)
        XCTAssertEqual(sheet.cropped(x: 432, y: 192, width: 144, height: 192), artB.walkSheet)
        XCTAssertEqual(sheet.cropped(x: 144, y: 0, width: 144, height: 192), RGBAImage(width: 144, height: 192))

        // A later run replaces one block and keeps the other.
        let artC = try testArt(seed: 30)
        _ = try export(CharacterExport(name: "Cy", art: artC, placement: .packed(sheetName: "Party", characterIndex: 0), actorID: 3), to: project)
        let updated = try PNG.decode(project.read("img/characters/Party.png"))
        XCTAssertEqual(updated.cropped(x: 0, y: 0, width: 144, height: 192), artC.walkSheet)
        XCTAssertEqual(updated.cropped(x: 432, y: 192, width: 144, height: 192), artB.walkSheet)
        let actors = try ActorsTable(contentsOfFile: project.path("data/Actors.json"))
        XCTAssertEqual(actors.actor(id: 3)?["faceName"], "Cy")
        XCTAssertEqual(actors.actor(id: 4)?["characterIndex"], 7)
    }

    func testTwoCharactersWhoseFilesCollideAreRefused() throws {
        let project = try makeProject()
        let writer = try ProjectWriter(projectPath: project.root)
        try writer.add(CharacterExport(name: "Ann", art: testArt(seed: 1)))
        // "ann" differs only in case: the same file on Windows and macOS.
        XCTAssertThrowsError(try writer.add(CharacterExport(name: "ann", art: testArt(seed: 2)))) { error in
            XCTAssertTrue("\(error)".contains("Ann already writes"), "\(error)")
        }
        // Two characters in the same block of a packed sheet.
        try writer.add(CharacterExport(name: "Bo", art: testArt(seed: 3), placement: .packed(sheetName: "Party", characterIndex: 2)))
        XCTAssertThrowsError(try writer.add(CharacterExport(name: "Cy", art: testArt(seed: 4), placement: .packed(sheetName: "Party", characterIndex: 2))))
        try writer.add(CharacterExport(name: "Di", art: testArt(seed: 5), placement: .packed(sheetName: "Party", characterIndex: 3)))
        let report = try writer.commit()
        XCTAssertEqual(try PNG.decode(project.read("img/faces/Ann.png")), FaceSetLayout.standard.faceSet(try testArt(seed: 1).faces))
        XCTAssertFalse(report.written.contains("img/faces/Cy.png"), "a refused character leaves nothing queued")
    }

    func testNamesThatMakeTheSameFileNameDoNotTakeOverAnotherCharacter() throws {
        // ß and SS are one file on case-folding systems (Windows, macOS), where games ship.
        for (first, second) in [("$x", "!x"), ("../../x", "\\..\\..\\x"), ("x:y", "x\u{85}y"), ("ß", "SS")] {
            let project = try makeProject()
            _ = try export(CharacterExport(name: first, art: testArt(seed: 1), fields: ActorFields(name: first)), to: project)
            let before = try project.snapshot()
            XCTAssertThrowsError(try export(CharacterExport(name: second, art: testArt(seed: 2), fields: ActorFields(name: second)),
                                            to: project)) { error in
                XCTAssertTrue("\(error)".contains("actor 3 (\(first))"), "\(error)")
                XCTAssertTrue("\(error)".contains("Choose another name"), "\(error)")
            }
            XCTAssertTrue(try project.snapshot() == before, "\(first) / \(second): nothing changes")
            // Naming that actor is a deliberate replacement.
            _ = try export(CharacterExport(name: second, art: testArt(seed: 2), actorID: 3, fields: ActorFields(name: second)), to: project)
            XCTAssertEqual(try ActorsTable(contentsOfFile: project.path("data/Actors.json")).actor(id: 3)?["name"]?.stringValue, second)
        }
        // The same name again is the same character, and updates it.
        let project = try makeProject()
        for seed: UInt8 in [1, 2] {
            _ = try export(CharacterExport(name: "$x", art: testArt(seed: seed), fields: ActorFields(name: "$x")), to: project)
        }
        XCTAssertEqual(try ActorsTable(contentsOfFile: project.path("data/Actors.json")).nextID, 4)
    }

    func testACharacterThatFailsLeavesNothingQueued() throws {
        let project = try makeProject()
        let writer = try ProjectWriter(projectPath: project.root)
        XCTAssertThrowsError(try writer.add(CharacterExport(name: "Ann", art: testArt(), actorID: 42)))
        XCTAssertThrowsError(try writer.add(CharacterExport(name: "Bo", art: testArt(), fields: ActorFields(maxLevel: 0))))
        XCTAssertEqual(writer.workspace.pendingPaths, [])
        try writer.add(CharacterExport(name: "Cy", art: testArt()))
        XCTAssertEqual(try writer.commit().written, ["img/characters/$Cy.png", "img/faces/Cy.png", "data/Actors.json",
                                                    ".stylecast/record.json"])
        XCTAssertEqual(try ActorsTable(contentsOfFile: project.path("data/Actors.json")).nextID, 4)
    }

    func testRefusesToOverwriteFilesItDidNotWriteUnlessForced() throws {
        let project = try makeProject()
        let mine = try project.read("data/Actors.json")
        let theirs: [UInt8] = Array("not StyleCast's".utf8)
        try project.write(theirs, to: "img/faces/Ann.png")
        let before = try project.snapshot()
        XCTAssertThrowsError(try export(CharacterExport(name: "Ann", art: testArt()), to: project)) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("img/faces/Ann.png") && text.contains("--force"), text)
        }
        XCTAssertEqual(try project.snapshot(), before, "a refused run writes nothing")
        XCTAssertEqual(try project.read("data/Actors.json"), mine)

        _ = try export(CharacterExport(name: "Ann", art: testArt()), to: project, options: .init(force: true))
        XCTAssertNotEqual(try project.read("img/faces/Ann.png"), theirs)
    }

    func testRefusesToOverwriteAFileEditedSinceStyleCastWroteIt() throws {
        let project = try makeProject()
        _ = try export(CharacterExport(name: "Ann", art: testArt(seed: 1)), to: project)
        // Someone touches up the walk sheet in an image editor.
        var edited = try PNG.decode(project.read("img/characters/$Ann.png"))
        edited[5, 5] = (255, 0, 0, 255)
        try project.write(PNG.encode(edited), to: "img/characters/$Ann.png")
        XCTAssertThrowsError(try export(CharacterExport(name: "Ann", art: testArt(seed: 2)), to: project)) { error in
            XCTAssertTrue(String(describing: error).contains("$Ann.png"))
        }
        XCTAssertEqual(try PNG.decode(project.read("img/characters/$Ann.png")), edited)
        // Files it wrote and nobody touched are replaced without --force.
        try project.write(try PNG.encode(testArt(seed: 1).walkSheet), to: "img/characters/$Ann.png")
        XCTAssertNoThrow(try export(CharacterExport(name: "Ann", art: testArt(seed: 2)), to: project))
    }

    func testASecondWriterIsLockedOut() throws {
        let project = try makeProject()
        var first: ProjectWriter? = try ProjectWriter(projectPath: project.root)
        XCTAssertThrowsError(try ProjectWriter(projectPath: project.root)) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("another StyleCast run (pid \(getpid()))"), text)
        }
        XCTAssertNotNil(first)
        first = nil // releasing the writer releases the lock
        XCTAssertNoThrow(try ProjectWriter(projectPath: project.root))
    }

    func testALockLeftByADeadRunDoesNotBlock() throws {
        let project = try makeProject()
        try project.write(Array("999999\n".utf8), to: ".stylecast/lock") // no such process holds it
        let writer = try ProjectWriter(projectPath: project.root)
        XCTAssertEqual(try project.text(".stylecast/lock"), "\(getpid())\n")
        XCTAssertNotNil(writer)
    }

    func testAJournalThatLeavesTheProjectIsRefused() throws {
        let project = try makeProject()
        let outside = project.root + "-outside.txt"
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: outside))
        defer { try? FileManager.default.removeItem(atPath: outside) }
        let name = URL(fileURLWithPath: outside).lastPathComponent
        try project.write(Array(#"{"staging":"staging-1","files":[{"path":"../\#(name)","existed":false}],"createdFolders":[]}"#.utf8),
                          to: ".stylecast/journal.json")
        XCTAssertThrowsError(try ProjectWriter(projectPath: project.root)) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains(".stylecast/journal.json") && text.contains("files[0]"), text)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: outside))
    }

    func testAFailedCommitRollsBackEveryFile() throws {
        let project = try makeProject()
        _ = try export(CharacterExport(name: "Ann", art: testArt(seed: 1)), to: project)
        let before = try project.snapshot(includingState: true)
        struct Abort: Error {}
        for failAfter in 1...4 {
            let options = ProjectWriter.Options(progress: { committed, _ in if committed == failAfter { throw Abort() } })
            XCTAssertThrowsError(try export(CharacterExport(name: "Ann", art: testArt(seed: 2), fields: ActorFields(note: "x")),
                                            to: project, options: options))
            XCTAssertEqual(try project.snapshot(includingState: true).filter { $0.key != ".stylecast/lock" },
                           before.filter { $0.key != ".stylecast/lock" }, "after failing at file \(failAfter)")
        }
    }

    func testNewFoldersAreRemovedWhenACommitRollsBack() throws {
        let project = try makeProject()
        struct Abort: Error {}
        let options = ProjectWriter.Options(progress: { committed, _ in if committed == 2 { throw Abort() } })
        XCTAssertThrowsError(try export(CharacterExport(name: "Ann", art: testArt()), to: project, options: options))
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.path("img")))
        XCTAssertEqual(try project.snapshot().keys.sorted(), ["Game.rpgproject", "data/Actors.json"])
    }

    func testActorsFileChangedDuringTheRunIsNotOverwritten() throws {
        let project = try makeProject()
        let writer = try ProjectWriter(projectPath: project.root)
        try writer.add(CharacterExport(name: "Ann", art: testArt()))
        try project.write(Array("[\nnull\n]".utf8), to: "data/Actors.json") // the editor saved meanwhile
        XCTAssertThrowsError(try writer.commit()) { error in
            XCTAssertTrue(String(describing: error).contains("changed by another program"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.path("img/faces/Ann.png")))
    }
}

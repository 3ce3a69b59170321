import XCTest
import StyleCastIO
@testable import StyleCastProject

/// State files a pipeline writes in the same transaction as its art, and the early ownership check.
final class ProjectWriterStateTests: XCTestCase {
    private var project: TemporaryProject!
    override func setUpWithError() throws { project = try TemporaryProject(engine: .rpgMakerMV) }
    override func tearDown() { project?.remove() }

    func testStateFilesLandWithTheCommitAndOnlyWhenTheyChange() throws {
        var writer = try ProjectWriter(projectPath: project.root)
        try writer.putState(Array("one".utf8), named: "cast-record.json")
        XCTAssertEqual(try writer.commit().written, [".stylecast/cast-record.json"])
        XCTAssertEqual(try project.read(".stylecast/cast-record.json"), Array("one".utf8))

        writer = try ProjectWriter(projectPath: project.root)
        try writer.putState(Array("one".utf8), named: "cast-record.json")
        XCTAssertEqual(try writer.commit().written, [], "the same bytes are not written again")

        // Someone else's edit does not make StyleCast's own state untouchable.
        try project.write(Array("edited".utf8), to: ".stylecast/cast-record.json")
        writer = try ProjectWriter(projectPath: project.root)
        try writer.putState(Array("two".utf8), named: "cast-record.json")
        XCTAssertEqual(try writer.commit().written, [".stylecast/cast-record.json"])
    }

    func testStateFileNamesCannotReachTheTransactionsOwnFiles() throws {
        let writer = try ProjectWriter(projectPath: project.root)
        for name in ["", "lock", "journal.json", "written.json", "staging-1", "../Actors.json", "a/b"] {
            XCTAssertThrowsError(try writer.putState([1], named: name), name)
        }
    }

    func testFilesNotOwnedAreThoseStyleCastDidNotWriteOrThatWereEdited() throws {
        let rpg = try RPGMakerProject(at: project.root)
        try project.write(Array("theirs".utf8), to: "img/faces/Mine.png")
        let writer = try ProjectWriter(projectPath: project.root)
        try writer.add(CharacterExport(name: "Ours", art: testArt()))
        _ = try writer.commit()
        let paths = ["img/faces/Mine.png", "img/faces/Ours.png", "img/characters/$Ours.png", "img/faces/Nobody.png"]
        XCTAssertEqual(try ProjectWriter.filesNotOwned(paths, in: rpg), ["img/faces/Mine.png"])
        try project.write(Array("edited".utf8), to: "img/faces/Ours.png")
        XCTAssertEqual(try ProjectWriter.filesNotOwned(paths, in: rpg), ["img/faces/Mine.png", "img/faces/Ours.png"])
    }
}

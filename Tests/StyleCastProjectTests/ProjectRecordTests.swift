import XCTest
import StyleCastIO
@testable import StyleCastProject

/// StyleCast's one record of the files it wrote (`.stylecast/record.json`), the records of
/// earlier versions it is read from, and the project opened once per run.
final class ProjectRecordTests: XCTestCase {
    private var project: TemporaryProject!
    override func setUpWithError() throws { project = try TemporaryProject(engine: .rpgMakerMV) }
    override func tearDown() { project?.remove() }

    private func export(_ character: CharacterExport, force: Bool = false) throws -> ProjectWriter.CommitReport {
        let writer = try ProjectWriter(projectPath: project.root, options: .init(force: force))
        try writer.add(character)
        return try writer.commit()
    }

    func testOneRecordHoldsEachFilesHashAndTheFingerprintOfItsArt() throws {
        _ = try export(CharacterExport(name: "Ann", art: testArt(), fingerprint: "f1"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: project.path(".stylecast")).sorted(), ["lock", "record.json"])
        let record = try RPGMakerProject(at: project.root).record
        XCTAssertEqual(record.files.keys.sorted(), ["img/characters/$Ann.png", "img/faces/Ann.png"])
        for (path, entry) in record.files {
            XCTAssertEqual(entry, ProjectRecord.Entry(sha256: SHA256.hexDigest(try project.read(path)), fingerprint: "f1"), path)
        }
        XCTAssertEqual(record.fingerprints, ["f1"])

        // The same bytes written without a fingerprint keep it: they still hold that art.
        XCTAssertEqual(try export(CharacterExport(name: "Ann", art: testArt())).written, [])
        XCTAssertEqual(try RPGMakerProject(at: project.root).record.fingerprints, ["f1"])
        // Other bytes without one drop it.
        _ = try export(CharacterExport(name: "Ann", art: testArt(seed: 2)))
        XCTAssertEqual(try RPGMakerProject(at: project.root).record.fingerprints, [])
        // A packed sheet holds several characters' art, so it gets no one fingerprint.
        _ = try export(CharacterExport(name: "Bo", art: testArt(), placement: .packed(sheetName: "Party", characterIndex: 2), fingerprint: "f3"))
        let files = try RPGMakerProject(at: project.root).record.files
        XCTAssertNil(files["img/characters/Party.png"]?.fingerprint)
        XCTAssertEqual(files["img/faces/Bo.png"]?.fingerprint, "f3")
    }

    func testAProjectFileIsOwnedWhenMissingOrExactlyWhatStyleCastWrote() throws {
        try project.write(Array("theirs".utf8), to: "img/faces/Mine.png")
        _ = try export(CharacterExport(name: "Ours", art: testArt(), fingerprint: "f"))
        var opened = try RPGMakerProject(at: project.root)
        let paths = ["img/faces/Mine.png", "img/faces/Ours.png", "img/characters/$Ours.png", "img/faces/Nobody.png"]
        XCTAssertEqual(try paths.map { try opened.file(at: $0).isOwned }, [false, true, true, true])
        XCTAssertEqual(try opened.file(at: "img/faces/Ours.png").fingerprint, "f")
        try project.write(Array("edited".utf8), to: "img/faces/Ours.png")
        opened = try RPGMakerProject(at: project.root)
        let edited = try opened.file(at: "img/faces/Ours.png")
        XCTAssertFalse(edited.isOwned)
        XCTAssertNil(edited.fingerprint, "an edited file no longer holds the recorded art")
        XCTAssertEqual(edited.recorded?.fingerprint, "f", "what was written there is still known")
    }

    /// A project written by a StyleCast before record.json: its written.json and cast-record.json
    /// are honoured as they are, nothing is written while nothing changes, and the first commit
    /// that changes the record replaces them with record.json.
    func testTheTwoRecordsOfEarlierVersionsAreReadAsOne() throws {
        _ = try export(CharacterExport(name: "Ann", art: testArt(), fields: ActorFields(name: "Ann"), fingerprint: "f1"))
        let sheet = "img/characters/$Ann.png", face = "img/faces/Ann.png"
        let hashes = try [sheet, face].map { SHA256.hexDigest(try project.read($0)) }
        try FileManager.default.removeItem(atPath: project.path(ProjectRecord.relativePath))
        try project.write(Array(#"{"version":1,"files":{"\#(sheet)":"\#(hashes[0])","\#(face)":"\#(hashes[1])"}}"#.utf8) + [10],
                          to: ProjectRecord.legacyWrittenPath)
        try project.write(Array(#"{"format":"stylecast-cast-record/1","characters":{"Ann":{"art":"f1","files":{"\#(sheet)":"\#(hashes[0])","\#(face)":"\#(hashes[1])"}}}}"#.utf8) + [10],
                          to: ProjectRecord.legacyCastPath)
        try project.write(Array("theirs".utf8), to: "img/faces/Bo.png")

        let opened = try RPGMakerProject(at: project.root)
        XCTAssertEqual(opened.record.files[sheet], ProjectRecord.Entry(sha256: hashes[0], fingerprint: "f1"))
        XCTAssertEqual(opened.record.files[face], ProjectRecord.Entry(sha256: hashes[1], fingerprint: "f1"))
        XCTAssertFalse(try opened.file(at: "img/faces/Bo.png").isOwned, "a file the old record does not name is not StyleCast's")
        assertError(try export(CharacterExport(name: "Bo", art: testArt())), contains: ["img/faces/Bo.png", "--force"])

        let state = try project.snapshot(includingState: true).filter { $0.key != ".stylecast/lock" }
        let again = try export(CharacterExport(name: "Ann", art: testArt(), fields: ActorFields(name: "Ann"), fingerprint: "f1"))
        XCTAssertEqual(again.written, [])
        XCTAssertEqual(try project.snapshot(includingState: true).filter { $0.key != ".stylecast/lock" }, state)

        let changed = try export(CharacterExport(name: "Ann", art: testArt(), fields: ActorFields(name: "Ann", nickname: "A"), fingerprint: "f2"))
        XCTAssertEqual(changed.written, ["data/Actors.json", ProjectRecord.relativePath])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: project.path(".stylecast")).sorted(), ["lock", "record.json"])
        XCTAssertEqual(try RPGMakerProject(at: project.root).record.files[face], ProjectRecord.Entry(sha256: hashes[1], fingerprint: "f2"))
    }

    /// A record StyleCast cannot trust stops the run at the place in the file, saying what to do.
    func testAMalformedRecordNamesThePlaceAndTheField() throws {
        let cases = [(#"{"format":"stylecast-record/1","files":[]}"#, ":1:40: files: must be an object"),
                     ("{\"format\":\"stylecast-record/1\",\n\"files\":{\"a.png\":{\"sha256\":\"x\"}}}", ":2:28: files.a.png.sha256: must be a SHA-256"),
                     (#"{"format":"stylecast-record/9","files":{}}"#, ":1:40: files: must be an object")]
        for (text, place) in cases {
            try project.write(Array(text.utf8), to: ProjectRecord.relativePath)
            assertError(try RPGMakerProject(at: project.root), contains: [ProjectRecord.relativePath + place, "delete the file"])
        }
        try FileManager.default.removeItem(atPath: project.path(ProjectRecord.relativePath))
        try project.write(Array(#"{"files":{"a.png":7}}"#.utf8), to: ProjectRecord.legacyWrittenPath)
        assertError(try RPGMakerProject(at: project.root), contains: [ProjectRecord.legacyWrittenPath + ":1:19: files.a.png: must be a SHA-256"])
    }

    /// A writer given the opened project works from the Actors.json that opening parsed, unless
    /// the file changed before the writer took the lock.
    func testAWriterParsesActorsJSONAgainOnlyWhenItChanged() throws {
        let before = ActorsTable.parses.value
        let opened = try RPGMakerProject(at: project.root)
        var writer: ProjectWriter? = try ProjectWriter(project: opened)
        try writer?.add(CharacterExport(name: "Ann", art: testArt()))
        _ = try writer?.commit()
        XCTAssertEqual(ActorsTable.parses.value - before, 1, "opened once, parsed once")
        XCTAssertEqual(writer?.project, opened)

        let stale = try RPGMakerProject(at: project.root)
        let edited = try project.text("data/Actors.json").replacingOccurrences(of: "\"name\":\"Harold\"", with: "\"name\":\"Harald\"")
        try project.write(Array(edited.utf8), to: "data/Actors.json")
        writer = try ProjectWriter(project: stale)
        XCTAssertEqual(writer?.workspace.actors.actor(id: 1)?["name"]?.stringValue, "Harald")
        XCTAssertNotEqual(writer?.project, stale)
    }
}

import XCTest
import StyleCastIO
@testable import StyleCastProject
@testable import CastManifest

/// `stylecast init`: a starter manifest from a project's actors that loads as written.
final class StarterManifestTests: XCTestCase {
    private var copy: String!

    override func setUpWithError() throws {
        copy = FileManager.default.temporaryDirectory.appendingPathComponent("stylecast-init-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: sampleProjectRoot, toPath: copy)
        try? FileManager.default.removeItem(atPath: copy + "/cast.json")
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: copy) }

    func testInitOnTheSampleProjectRoundTrips() throws {
        let parsesBefore = ActorsTable.parses.value
        let written = try StarterManifest.write(projectPath: copy)
        XCTAssertEqual(ActorsTable.parses.value - parsesBefore, 1, "the project's Actors.json, parsed once")
        XCTAssertEqual(written.path, copy + "/cast.json")
        XCTAssertEqual(written.project.engine, .rpgMakerMV)
        let manifest = try CastManifest.load(path: written.path)
        let actors = try ActorsTable(contentsOfFile: copy + "/data/Actors.json")
        XCTAssertEqual(manifest.characters.map(\.name), ["Aria", "Bram", "Cyra", "Dorn"])
        XCTAssertEqual(manifest.characters.map(\.actorID), [1, 2, 3, 4])
        XCTAssertEqual(manifest.characters.map(\.seed), (1...4).map(StarterManifest.seed(forActor:)))
        for (id, character) in zip(1..., manifest.characters) {
            let actor = try XCTUnwrap(actors.actor(id: id))
            XCTAssertEqual(character.actor, ActorFields(name: actor["name"]?.stringValue, nickname: actor["nickname"]?.stringValue,
                                                        profile: actor["profile"]?.stringValue, classId: actor["classId"]?.intValue,
                                                        initialLevel: actor["initialLevel"]?.intValue, maxLevel: actor["maxLevel"]?.intValue))
            XCTAssertEqual(character.faceSlots.map(\.expression), FaceSlot.standardExpressions)
        }
        XCTAssertEqual(manifest.defaults.truncation, ManifestDefaults.truncation)
        XCTAssertEqual(manifest.defaults.models, .shipped)
    }

    func testNeverOverwritesWithoutForce() throws {
        let path = copy + "/my-cast.json"
        try Data("// mine".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try StarterManifest.write(projectPath: copy, manifestPath: path)) { error in
            XCTAssertEqual("\(error)", "\(path): already exists; edit it, choose another --manifest, or pass --force to replace it")
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "// mine")
        try StarterManifest.write(projectPath: copy, manifestPath: path, force: true)
        XCTAssertEqual(try CastManifest.load(path: path).characters.count, 4)
    }

    func testSameProjectGivesTheSameBytes() throws {
        let first = try StarterManifest.write(projectPath: copy, manifestPath: copy + "/a.json").path
        let second = try StarterManifest.write(projectPath: copy, manifestPath: copy + "/b.json").path
        XCTAssertEqual(FileManager.default.contents(atPath: first), FileManager.default.contents(atPath: second))
        // Seeds are fixed by the actor id alone, and neighbouring ids get unrelated seeds.
        XCTAssertEqual(StarterManifest.seed(forActor: 1), 2298633409)
        XCTAssertEqual(Set((1...1000).map(StarterManifest.seed(forActor:))).count, 1000)
    }

    func testActorsTheManifestCannotHoldAreLeftOutWithAComment() throws {
        // Actors left out, renamed or with fields the manifest refuses: the starter still loads.
        try Data(trickyActors.utf8).write(to: URL(fileURLWithPath: copy + "/data/Actors.json"))
        let path = try StarterManifest.write(projectPath: copy).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains("// Actor 2 has no name;"), text)
        XCTAssertTrue(text.contains("// Actor 4 is also called \"Guard\", like actor 1;"), text)
        let manifest = try CastManifest.load(path: path)
        XCTAssertEqual(manifest.characters.map(\.name), ["Guard", "guard", "???", "Zed", "Bob\u{2028}</script>"])
        XCTAssertEqual(manifest.characters.map(\.fileName), ["Guard", "Actor3", "Actor5", "Zed", "Bob___script_"])
        XCTAssertEqual(manifest.characters.map(\.actorID), [1, 3, 5, 6, 7])
        XCTAssertEqual(manifest.characters[1].actor.nickname, "\"Q\"")
        XCTAssertEqual(manifest.characters[1].actor.profile, "line\nbreak")
        XCTAssertEqual(manifest.characters[3].actor, ActorFields(name: "Zed", nickname: "", profile: ""))
    }

    func testMZProjectAndNotAProject() throws {
        try FileManager.default.removeItem(atPath: copy + "/Game.rpgproject")
        try Data("RPGMZ".utf8).write(to: URL(fileURLWithPath: copy + "/game.rmmzproject"))
        let path = try StarterManifest.write(projectPath: copy).path
        XCTAssertTrue(try String(contentsOfFile: path, encoding: .utf8).contains("(RPG Maker MZ)"))
        XCTAssertEqual(try CastManifest.load(path: path).characters.count, 4)

        try FileManager.default.removeItem(atPath: copy + "/game.rmmzproject")
        XCTAssertThrowsError(try StarterManifest.write(projectPath: copy, force: true)) { error in
            XCTAssertTrue("\(error)".contains("is not an RPG Maker project"), "\(error)")
        }
    }
}

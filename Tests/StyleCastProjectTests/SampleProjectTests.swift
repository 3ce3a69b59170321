import XCTest
import StyleCastIO
@testable import StyleCastProject

/// The committed sample-project/ is a real MV project: recognised, every data file round-trips
/// byte for byte, and an export into a copy of it lands.
final class SampleProjectTests: XCTestCase {
    private let sampleRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sample-project").path

    func testEveryDataFileRoundTripsByteForByte() throws {
        let dataFolder = sampleRoot + "/data"
        let names = try FileManager.default.contentsOfDirectory(atPath: dataFolder).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertEqual(names, ["Actors.json", "Animations.json", "Armors.json", "Classes.json", "CommonEvents.json",
                               "Enemies.json", "Items.json", "Map001.json", "MapInfos.json", "Skills.json",
                               "States.json", "System.json", "Tilesets.json", "Troops.json", "Weapons.json"])
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dataFolder + "/" + name)))
            let document = try JSONDocument(parsing: bytes, name: name)
            XCTAssertEqual(document.serialized(), bytes, name)
            let shape: JSONLayout.Shape = name == "System.json" ? .compact : name == "Map001.json" ? .map : .elementPerLine
            XCTAssertEqual(document.layout.shape, shape, name)
        }
    }

    func testSampleIsAnMVProjectWithAPartyOfFour() throws {
        let project = try RPGMakerProject(at: sampleRoot)
        XCTAssertEqual(project.engine, .rpgMakerMV)
        let actors = project.actors
        XCTAssertEqual((1...4).compactMap { actors.actor(id: $0)?["name"]?.stringValue }, ["Aria", "Bram", "Cyra", "Dorn"])
        XCTAssertNil(actors.actor(id: 5))
        let system = try JSONDocument(contentsOfFile: sampleRoot + "/data/System.json").root
        XCTAssertEqual(system["partyMembers"], [1, 2, 3, 4])
        for id in 1...4 {
            let name = try XCTUnwrap(actors.actor(id: id)?["characterName"]?.stringValue)
            let sheet = try PNG.read(path: sampleRoot + "/img/characters/" + name + ".png")
            XCTAssertEqual([sheet.width, sheet.height], [144, 192])
        }
    }

    func testExportIntoACopyOfTheSample() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("sample-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: sampleRoot, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let before = try String(contentsOfFile: copy + "/data/Actors.json", encoding: .utf8)
        let writer = try ProjectWriter(projectPath: copy)
        let exported = try writer.add(CharacterExport(name: "Élodie", art: testArt(), fields: ActorFields(name: "Élodie", classId: 3)))
        _ = try writer.commit()
        XCTAssertEqual(exported.actorID, 5)
        let after = try String(contentsOfFile: copy + "/data/Actors.json", encoding: .utf8)
        XCTAssertTrue(after.hasPrefix(String(before.dropLast(2)) + ",\n{\"id\":5,"), "earlier actors untouched")
    }
}

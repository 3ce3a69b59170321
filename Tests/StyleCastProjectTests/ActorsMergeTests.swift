import XCTest
import StyleCastIO
@testable import StyleCastProject

final class ActorsMergeTests: XCTestCase {
    private func table(_ text: String = TemporaryProject.actorsJSON) throws -> ActorsTable {
        try ActorsTable(document: JSONDocument(parsing: text, name: "Actors.json"), file: "Actors.json")
    }

    private func lines(_ table: ActorsTable) -> [String] {
        String(decoding: table.document.serialized(), as: UTF8.self).components(separatedBy: "\n")
    }

    private let art = ActorArt(characterName: "$Héroïne", characterIndex: 0, faceName: "Héroïne", faceIndex: 2)

    func testUntouchedTableIsByteIdentical() throws {
        XCTAssertEqual(try table().document.serialized(), Array(TemporaryProject.actorsJSON.utf8))
    }

    func testNewActorGetsTheEditorDefaultsAndOtherLinesStayIdentical() throws {
        var actors = try table()
        let result = try actors.merge(art: art, fields: ActorFields(name: "Héroïne", nickname: "the \"Brave\""))
        XCTAssertEqual(result.id, 3)
        XCTAssertTrue(result.created)
        let before = TemporaryProject.actorsJSON.components(separatedBy: "\n")
        let after = lines(actors)
        // Diff: exactly one line added, before the closing bracket, with a comma on the line above.
        XCTAssertEqual(after.count, before.count + 1)
        XCTAssertEqual(Array(after.prefix(3)), Array(before.prefix(3)))
        XCTAssertEqual(after[3], before[3] + ",")
        XCTAssertEqual(after.last, "]")
        XCTAssertEqual(after[4], #"{"id":3,"battlerName":"","characterIndex":0,"characterName":"$Héroïne","classId":1,"equips":[0,0,0,0,0],"faceIndex":2,"faceName":"Héroïne","traits":[],"initialLevel":1,"maxLevel":99,"name":"Héroïne","nickname":"the \"Brave\"","note":"","profile":""}"#)
    }

    func testUpdatingAnActorChangesOnlyTheFieldsStyleCastOwns() throws {
        var actors = try table()
        let fields = ActorFields(profile: "Line 1\nLine 2", classId: 4, maxLevel: 60)
        let result = try actors.merge(art: art, fields: fields, id: 1)
        XCTAssertEqual(result.id, 1)
        XCTAssertFalse(result.created)
        let after = lines(actors)
        let before = TemporaryProject.actorsJSON.components(separatedBy: "\n")
        XCTAssertEqual(after.count, before.count)
        XCTAssertEqual(after[3], before[3]) // the other actor, Unicode and all
        // Same keys in the same order, plugin field and traits untouched, floats as written.
        XCTAssertEqual(after[2], #"{"id":1,"battlerName":"Actor1_1","characterIndex":0,"characterName":"$Héroïne","classId":4,"equips":[1,1,2,3,0],"faceIndex":2,"faceName":"Héroïne","traits":[{"code":23,"dataId":0,"value":1.0}],"initialLevel":1,"maxLevel":60,"name":"Harold","nickname":"","note":"<Plugin: x>\n\"q\"","profile":"Line 1\nLine 2","myPlugin":{"rate":0.50,"list":[1e3]}},"#)
    }

    func testWithoutAnIdTheActorShowingTheSameSheetIsUpdated() throws {
        var actors = try table()
        let first = try actors.merge(art: art, fields: ActorFields(name: "A"))
        let second = try actors.merge(art: art, fields: ActorFields(name: "B"))
        XCTAssertEqual(first.id, second.id)
        XCTAssertFalse(second.created)
        XCTAssertEqual(actors.actor(id: first.id)?["name"], "B")
        // A different block of a packed sheet is a different actor.
        let other = ActorArt(characterName: "People1", characterIndex: 6, faceName: "x", faceIndex: 0)
        XCTAssertEqual(try actors.merge(art: other, fields: ActorFields()).id, 4)
        let existing = ActorArt(characterName: "People1", characterIndex: 5, faceName: "x", faceIndex: 0)
        XCTAssertEqual(try actors.merge(art: existing, fields: ActorFields()).id, 2)
    }

    func testBadIdsAndFieldsAreClearErrors() throws {
        var actors = try table()
        XCTAssertThrowsError(try actors.merge(art: art, fields: ActorFields(), id: 9)) { error in
            XCTAssertTrue(String(describing: error).contains("use an id from 1 to 2, or 3"), "\(error)")
        }
        XCTAssertThrowsError(try actors.merge(art: art, fields: ActorFields(), id: 0))
        XCTAssertThrowsError(try actors.merge(art: art, fields: ActorFields(maxLevel: 100))) { error in
            XCTAssertTrue(String(describing: error).hasPrefix("maxLevel:"), "\(error)")
        }
        XCTAssertThrowsError(try actors.merge(art: art, fields: ActorFields(initialLevel: 20, maxLevel: 10)))
        XCTAssertThrowsError(try actors.merge(art: art, fields: ActorFields(classId: 0)))
        XCTAssertEqual(actors.document.serialized(), Array(TemporaryProject.actorsJSON.utf8), "failed merges change nothing")
    }

    func testAnEmptyDatabaseGetsActorOne() throws {
        var actors = try table("[\nnull\n]")
        XCTAssertEqual(try actors.merge(art: art, fields: ActorFields()).id, 1)
        XCTAssertTrue(lines(actors)[2].hasPrefix(#"{"id":1,"#))
    }
}

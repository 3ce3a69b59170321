import XCTest
import StyleCastIO
@testable import StyleCastProject

final class ActorsMergeTests: XCTestCase {
    private func table(_ text: String = TemporaryProject.actorsJSON) throws -> ActorsTable {
        try ActorsTable(parsing: Array(text.utf8), file: "Actors.json")
    }

    private func serialized(_ table: ActorsTable) -> String {
        String(decoding: table.serialized(), as: UTF8.self)
    }

    private func lines(_ table: ActorsTable) -> [String] {
        serialized(table).components(separatedBy: "\n")
    }

    private let art = ActorArt(characterName: "$Héroïne", characterIndex: 0, faceName: "Héroïne", faceIndex: 2)

    func testUntouchedTableIsByteIdentical() throws {
        XCTAssertEqual(try table().serialized(), Array(TemporaryProject.actorsJSON.utf8))
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
        XCTAssertThrowsError(try actors.merge(art: art, fields: ActorFields(name: "\u{200B}"))) { error in
            XCTAssertTrue(String(describing: error).hasPrefix("name: is empty or only invisible characters"), "\(error)")
        }
        XCTAssertEqual(actors.serialized(), Array(TemporaryProject.actorsJSON.utf8), "failed merges change nothing")
    }

    func testAnEmptyDatabaseGetsActorOne() throws {
        var actors = try table("[\nnull\n]")
        XCTAssertEqual(try actors.merge(art: art, fields: ActorFields()).id, 1)
        XCTAssertTrue(lines(actors)[2].hasPrefix(#"{"id":1,"#))
    }

    // MARK: - Files laid out by a formatter instead of the editor

    /// `JSON.stringify(actors, null, 2)`, as a project's formatting script writes it.
    private static let prettyActors = #"""
        [
          null,
          {
            "id": 1,
            "battlerName": "Actor1_1",
            "characterIndex": 0,
            "characterName": "Actor1",
            "classId": 1,
            "equips": [
              1,
              2
            ],
            "faceIndex": 0,
            "faceName": "Actor1",
            "traits": [],
            "initialLevel": 1,
            "maxLevel": 99,
            "name": "Harold",
            "nickname": "",
            "note": "caf\u00e9 a\/b",
            "profile": ""
          }
        ]

        """#

    func testAPrettyPrintedFileKeepsItsLayoutAndTheNewActorFollowsIt() throws {
        var actors = try table(Self.prettyActors)
        try actors.merge(art: art, fields: ActorFields(name: "Hero"), id: 1)
        try actors.merge(art: ActorArt(characterName: "$Bo", characterIndex: 0, faceName: "Bo", faceIndex: 1), fields: ActorFields(name: "Bo"))
        XCTAssertEqual(serialized(actors), #"""
            [
              null,
              {
                "id": 1,
                "battlerName": "Actor1_1",
                "characterIndex": 0,
                "characterName": "$Héroïne",
                "classId": 1,
                "equips": [
                  1,
                  2
                ],
                "faceIndex": 2,
                "faceName": "Héroïne",
                "traits": [],
                "initialLevel": 1,
                "maxLevel": 99,
                "name": "Hero",
                "nickname": "",
                "note": "caf\u00e9 a\/b",
                "profile": ""
              },
              {
                "id": 2,
                "battlerName": "",
                "characterIndex": 0,
                "characterName": "$Bo",
                "classId": 1,
                "equips": [
                  0,
                  0,
                  0,
                  0,
                  0
                ],
                "faceIndex": 1,
                "faceName": "Bo",
                "traits": [],
                "initialLevel": 1,
                "maxLevel": 99,
                "name": "Bo",
                "nickname": "",
                "note": "",
                "profile": ""
              }
            ]

            """#)
    }

    func testAFormattersLayoutWithCRLFAndBOMKeepsUntouchedActorsByteForByte() throws {
        // Four spaces, short arrays on one line, padded braces, CRLF, a byte-order mark; actor 2
        // has no "nickname" yet.
        let lines = [
            "[",
            "    null,",
            "    {",
            #"        "id": 1,"#,
            #"        "characterIndex": 0,"#,
            #"        "characterName": "Actor1","#,
            #"        "equips": [1, 1, 2, 3, 0],"#,
            #"        "faceIndex": 0,"#,
            #"        "faceName": "Actor1","#,
            #"        "traits": ["#,
            #"            { "code": 23, "dataId": 0, "value": 1.0 }"#,
            #"        ],"#,
            #"        "name": "Harold","#,
            #"        "myPlugin": { "rate": 0.50 }"#,
            "    },",
            "    {",
            #"        "id": 2,"#,
            #"        "characterIndex": 5,"#,
            #"        "characterName": "People1","#,
            #"        "equips": [0, 0, 0, 0, 0],"#,
            #"        "faceIndex": 5,"#,
            #"        "faceName": "People1","#,
            #"        "name": "\u00c4 \/ \u00c4""#,
            "    }",
            "]",
            "",
        ]
        let bom = "\u{FEFF}"
        var actors = try table(bom + lines.joined(separator: "\r\n"))
        try actors.merge(art: ActorArt(characterName: "$Bo", characterIndex: 0, faceName: "Bo", faceIndex: 0),
                         fields: ActorFields(nickname: "the Bold"), id: 2)
        try actors.merge(art: ActorArt(characterName: "$Cy", characterIndex: 0, faceName: "Cy", faceIndex: 0), fields: ActorFields(name: "Cy"))
        let expected = lines.prefix(16) + [
            #"        "id": 2,"#,
            #"        "characterIndex": 0,"#,
            #"        "characterName": "$Bo","#,
            #"        "equips": [0, 0, 0, 0, 0],"#,
            #"        "faceIndex": 0,"#,
            #"        "faceName": "Bo","#,
            #"        "name": "\u00c4 \/ \u00c4","#,
            #"        "nickname": "the Bold""#,
            "    },",
            "    {",
            #"        "id": 3,"#,
            #"        "battlerName": "","#,
            #"        "characterIndex": 0,"#,
            #"        "characterName": "$Cy","#,
            #"        "classId": 1,"#,
            #"        "equips": [0, 0, 0, 0, 0],"#,
            #"        "faceIndex": 0,"#,
            #"        "faceName": "Cy","#,
            #"        "traits": [],"#,
            #"        "initialLevel": 1,"#,
            #"        "maxLevel": 99,"#,
            #"        "name": "Cy","#,
            #"        "nickname": "","#,
            #"        "note": "","#,
            #"        "profile": """#,
            "    }",
            "]",
            "",
        ]
        XCTAssertEqual(serialized(actors), bom + expected.joined(separator: "\r\n"))
    }

    func testTheUpdatedActorsOtherStringsKeepTheirEscapes() throws {
        // The editor's own one-actor-per-line layout, with escapes JSON.stringify would not write.
        let text = """
            [
            null,
            {"id":1,"characterIndex":0,"characterName":"A","faceIndex":0,"faceName":"A","name":"caf\\u00e9 a\\/b","note":"\\u0041"}
            ]
            """
        var actors = try table(text)
        try actors.merge(art: art, fields: ActorFields(profile: "new"), id: 1)
        XCTAssertEqual(lines(actors)[2], #"{"id":1,"characterIndex":0,"characterName":"$Héroïne","faceIndex":2,"faceName":"Héroïne","name":"caf\u00e9 a\/b","note":"\u0041","profile":"new"}"#)
    }

    func testAOneLineFileStaysOnOneLine() throws {
        var actors = try table(#"[null,{"id":1,"name":"A","equips":[1,2]}]"#)
        try actors.merge(art: art, fields: ActorFields(name: "B"))
        XCTAssertEqual(serialized(actors), #"[null,{"id":1,"name":"A","equips":[1,2]},{"id":2,"battlerName":"","characterIndex":0,"characterName":"$Héroïne","classId":1,"equips":[0,0,0,0,0],"faceIndex":2,"faceName":"Héroïne","traits":[],"initialLevel":1,"maxLevel":99,"name":"B","nickname":"","note":"","profile":""}]"#)
    }
}

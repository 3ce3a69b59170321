import XCTest
@testable import StyleCastIO

/// The typed reads, the canonical form and the pretty writer the project's readers and writers
/// share, and the one error shape.
final class JSONFieldTests: XCTestCase {
    private let text = """
        {"name": "Ada", "rows": [0, 1.0, "two"],
         "nested": {"flag": true, "level": 7},
         "kind": "walk-sheet", "nothing": null}
        """

    private func root() throws -> JSONField {
        JSONField(try LocatedJSON(parsing: Array(text.utf8), name: "c.json"))
    }

    private func message(_ body: () throws -> Void) -> String {
        do { try body() } catch { return "\(error)" }
        return "no error"
    }

    private enum Kind: String, CaseIterable { case walkSheet = "walk-sheet", face }

    func testReadsTypedValues() throws {
        let root = try root()
        XCTAssertEqual(try root.member("name", "a name").string(), "Ada")
        XCTAssertEqual(try root.member("nested", "").member("level", "").int(in: 0...9), 7)
        XCTAssertEqual(try root.member("nested", "").member("flag", "").bool(), true)
        XCTAssertEqual(try root.member("kind", "").oneOf(Kind.self), .walkSheet)
        XCTAssertEqual(try root.member("rows", "").elements().prefix(2).map { try $0.int() }, [0, 1])
        XCTAssertNil(try root.optionalMember("nothing"), "null reads as left out")
        XCTAssertNil(try root.optionalMember("absent"))
        XCTAssertEqual(root["absent"].value, .null)
        XCTAssertEqual(root["nested"]["level"].name, "nested.level")
    }

    func testErrorsNameTheFilePlaceFieldAndWhatItMustBe() throws {
        let root = try root()
        XCTAssertEqual(message { _ = try root.member("rows", "").elements()[2].int() },
                       #"c.json:1:34: rows[2]: must be a whole number, not the string "two""#)
        XCTAssertEqual(message { _ = try root.member("nested", "").member("level", "").int(in: 0...5) },
                       "c.json:2:36: nested.level: must be a whole number from 0 to 5, not 7")
        XCTAssertEqual(message { _ = try root.member("seed", "seeds every batch") },
                       "c.json:1:1: seed: is required (seeds every batch)")
        XCTAssertEqual(message { _ = try root.member("name", "").oneOf(Kind.self) },
                       #"c.json:1:10: name: must be one of "walk-sheet", "face", not the string "Ada""#)
        XCTAssertEqual(message { try root.rejectUnknownKeys(["name", "rows", "nested", "kind"]) },
                       "c.json:3:24: nothing: is not a field this reader knows; the fields are name, rows, nested, kind")
        XCTAssertEqual(message { _ = try root.member("name", "").members() },
                       #"c.json:1:10: name: must be an object { ... }, not the string "Ada""#)
        // Without positions (JSON held in a model's metadata): the file and the field's full name.
        let embedded = JSONField(["shape": [0]], file: "m.safetensors", name: "__metadata__.stylecast_rows")
        XCTAssertEqual(message { _ = try embedded.member("colours", "rows") },
                       "m.safetensors: __metadata__.stylecast_rows.colours: is required (rows)")
        XCTAssertEqual(message { _ = try JSONField(1, file: "").string() }, "(top level): must be a string \"...\", not 1")
    }

    func testEveryErrorPrintsSubjectThenReason() {
        XCTAssertEqual("\(FileReadError(subject: "a.png", reason: "cannot read"))", "a.png: cannot read")
        XCTAssertEqual("\(FileWriteError(reason: "disk full"))", "disk full")
        XCTAssertEqual(JSONParseError(file: "a.json", line: 2, column: 3, reason: "bad").description, "a.json:2:3: bad")
        XCTAssertEqual(JSONContentError(file: "a.json", field: "x", reason: "bad").description, "a.json: x: bad")
    }

    func testCanonicalSortsKeysAndSpellsNumbersOneWay() throws {
        let value = try JSONDocument(parsing: #"{"b": [1.0, 2.50, 1e3, -0, 18446744073709551615], "a": {"z": 0.1, "Z": null}}"#).root
        XCTAssertEqual(value.canonical.description, #"{"a":{"Z":null,"z":0.1},"b":[1,2.5,1000,0,18446744073709551615]}"#)
        XCTAssertEqual(value.canonical, try JSONDocument(parsing: #"{"a": {"Z": null, "z": 1e-1}, "b": [1, 2.5, 1000.0, -0, 18446744073709551615]}"#).root.canonical)
    }

    func testPrettyIsJSONStringifyWithTwoSpaces() throws {
        let value: JSONValue = ["a": [1, ["b": "c/d"]], "empty": [], "none": .object([:]), "x": 0.5]
        XCTAssertEqual(String(decoding: JSONWriter.pretty(value), as: UTF8.self), """
            {
              "a": [
                1,
                {
                  "b": "c/d"
                }
              ],
              "empty": [],
              "none": {},
              "x": 0.5
            }
            """)
        XCTAssertEqual(try JSONDocument(parsing: JSONWriter.pretty(value)).root, value)
        XCTAssertEqual(JSONWriter.pretty(7), Array("7".utf8))
    }
}

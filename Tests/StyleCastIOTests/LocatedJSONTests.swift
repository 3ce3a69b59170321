import XCTest
@testable import StyleCastIO

/// Positions of values and keys, as a manifest reader points at them.
final class LocatedJSONTests: XCTestCase {
    func testValueAndKeyPositions() throws {
        let text = """
            {"a": [1, {"b": "x"}],
              "é\\u00e9": true, "c": [ [], {} ],
            \t"d": -2.5e3}
            """
        let json = try LocatedJSON(parsing: Array(text.utf8), name: "t.json")
        XCTAssertEqual(json.root["a"]?[1]?["b"], "x")
        XCTAssertEqual(json.position(of: []), SourcePosition(line: 1, column: 1))
        XCTAssertEqual(json.position(of: [.key("a")]), SourcePosition(line: 1, column: 7))
        XCTAssertEqual(json.position(of: [.key("a"), .index(0)]), SourcePosition(line: 1, column: 8))
        XCTAssertEqual(json.position(of: [.key("a"), .index(1), .key("b")]), SourcePosition(line: 1, column: 17))
        XCTAssertEqual(json.keyPosition(of: [.key("a"), .index(1), .key("b")]), SourcePosition(line: 1, column: 12))
        // An escaped key matches the parsed key; columns count characters, not bytes.
        XCTAssertEqual(json.keyPosition(of: [.key("éé")]), SourcePosition(line: 2, column: 3))
        XCTAssertEqual(json.position(of: [.key("éé")]), SourcePosition(line: 2, column: 14))
        XCTAssertEqual(json.position(of: [.key("c"), .index(0)]), SourcePosition(line: 2, column: 27))
        XCTAssertEqual(json.position(of: [.key("c"), .index(1)]), SourcePosition(line: 2, column: 31))
        XCTAssertEqual(json.position(of: [.key("d")]), SourcePosition(line: 3, column: 7))
        // A missing member points at its nearest enclosing value.
        XCTAssertEqual(json.position(of: [.key("a"), .index(1), .key("zz"), .index(3)]), SourcePosition(line: 1, column: 11))
        XCTAssertEqual(json.keyPosition(of: [.key("a"), .index(0)]), SourcePosition(line: 1, column: 8))
        XCTAssertTrue(json.duplicateKeys.isEmpty)
    }

    func testCommentsByteOrderMarkAndDuplicates() throws {
        let text = "\u{FEFF}// note: {\"not\": json}\n/* x\n y */ {\"k\": 1, /* \"k\": 9 */ \"k\": 2}"
        let json = try LocatedJSON(parsing: Array(text.utf8), name: "t.json", syntax: .withComments)
        XCTAssertEqual(json.position(of: []), SourcePosition(line: 3, column: 7))
        XCTAssertEqual(json.duplicateKeys.map(\.path), [[.key("k")]])
        XCTAssertEqual(json.duplicateKeys.map(\.position), [SourcePosition(line: 3, column: 29)])
    }

    func testSyntaxErrorsComeFromTheParser() {
        XCTAssertThrowsError(try LocatedJSON(parsing: Array("{\n  \"a\": }".utf8), name: "bad.json")) { error in
            XCTAssertEqual((error as? JSONParseError).map { "\($0.file):\($0.line)" }, "bad.json:2")
        }
        XCTAssertThrowsError(try LocatedJSON(contentsOfFile: "/nonexistent/x.json")) { error in
            XCTAssertTrue("\(error)".hasPrefix("/nonexistent/x.json: "), "\(error)")
        }
    }
}

import XCTest
@testable import StyleCastIO

/// Editing JSON text in place: what did not change keeps its bytes, what is new looks like its
/// neighbours.
final class JSONSourceTextTests: XCTestCase {
    private func edit(_ text: String, _ change: (inout JSONValue) -> Void) throws -> String {
        let source = try JSONSourceText(parsing: Array(text.utf8), name: "test.json")
        var value = source.root
        change(&value)
        return String(decoding: source.text(for: value), as: UTF8.self)
    }

    func testAnUnchangedValueGivesBackItsFileInAnyLayout() throws {
        for text in ["[null,{\"a\":1}]", "[\r\n  null ,\r\n  { \"a\" : 1.0 }\r\n]\r\n", "\u{FEFF}{\"a\":\"\\u00e9\\/\"}\n", " 1e3 "] {
            XCTAssertEqual(try edit(text) { _ in }, text)
        }
    }

    func testNestedEditsKeepTheirSurroundingsAndNewElementsFollowTheLastOfTheirKind() throws {
        let text = """
            {
            \t"list": [
            \t\t{"code": 1, "args": ["x"]},
            \t\t{"code": 2, "args": []}
            \t],
            \t"note": "caf\\u00e9"
            }
            """
        let edited = try edit(text) { value in
            var list = value["list"]!.arrayValue!
            list[1] = ["code": 3, "args": []]
            list.append(["code": 4, "args": ["y", "z"]])
            value["list"] = .array(list)
            value["count"] = 3
        }
        XCTAssertEqual(edited, """
            {
            \t"list": [
            \t\t{"code": 1, "args": ["x"]},
            \t\t{"code": 3, "args": []},
            \t\t{"code": 4, "args": ["y", "z"]}
            \t],
            \t"note": "caf\\u00e9",
            \t"count": 3
            }
            """)
    }

    func testAContainerWithNothingToCopyIsIndentedOneStepDeeper() throws {
        let text = "{\n    \"a\": 1,\n    \"b\": null\n}"
        XCTAssertEqual(try edit(text) { $0["b"] = ["c": [1, 2]] },
                       "{\n    \"a\": 1,\n    \"b\": {\n        \"c\": [\n            1,\n            2\n        ]\n    }\n}")
        // RPG Maker's layout has no indentation step: a new element is written on one line.
        XCTAssertEqual(try edit("[\nnull\n]") { $0 = [nil, ["id": 1, "list": [1]]] }, "[\nnull,\n{\"id\":1,\"list\":[1]}\n]")
    }

    func testDuplicateKeysAreWrittenAfreshInTheLayoutOfTheirText() throws {
        // json-c keeps one of the duplicates, so the text cannot be edited member by member.
        XCTAssertEqual(try edit(#"[{"a": 1, "a": 2, "b": 3}]"#) { $0 = [["a": 2, "b": 4]] }, #"[{"a": 2, "b": 4}]"#)
    }
}

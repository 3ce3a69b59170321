import XCTest
@testable import StyleCastIO

final class JSONRoundTripTests: XCTestCase {
    /// Shaped like the editor writes data/Actors.json: `[`, `null,`, one actor per line, `]`.
    static let actorsFile = """
        [
        null,
        {"id":1,"battlerName":"Actor1_1","characterIndex":0,"characterName":"Actor1","classId":1,"equips":[1,1,2,3,0],"faceIndex":0,"faceName":"Actor1","traits":[],"initialLevel":1,"maxLevel":99,"name":"Harold","nickname":"","note":"<hp:1.5>\\n\\"quoted\\"","profile":"Line one\\nLine two\\ttab"},
        {"id":2,"battlerName":"","characterIndex":3,"characterName":"$Héroïne","classId":2,"equips":[0,0,0,0,0],"faceIndex":7,"faceName":"勇者","traits":[{"code":23,"dataId":0,"value":1.0},{"code":22,"dataId":1,"value":0.05}],"initialLevel":1,"maxLevel":99,"name":"アリス 🐉","nickname":"Ä\\u0001\\u001f","note":"back\\\\slash / slash","profile":"","myPluginField":{"x":1e3,"y":-0.5,"z":null,"on":true}}
        ]
        """

    func testRPGMakerDatabaseFileRoundTripsByteForByte() throws {
        let bytes = Array(Self.actorsFile.utf8)
        let document = try JSONDocument(parsing: bytes, name: "Actors.json")
        XCTAssertEqual(document.layout.shape, .elementPerLine)
        XCTAssertEqual(document.serialized(), bytes)
    }

    func testRPGMakerMapFileRoundTripsByteForByte() throws {
        // The editor writes maps as: `{`, the other members, `"data"`, then one event per line.
        let text = """
            {
            "autoplayBgm":false,"bgm":{"name":"Théâtre","pan":0,"pitch":100,"volume":90},"height":2,"note":"a\\nb","width":2,
            "data":[2816,2816,2816,2816,0,0,0,0],
            "events":[
            null,
            {"id":1,"name":"EV001","pages":[{"list":[{"code":401,"indent":0,"parameters":["Hi ✓"]},{"code":0,"indent":0,"parameters":[]}]}],"x":1,"y":0},
            null
            ]
            }
            """
        let document = try JSONDocument(parsing: text, name: "Map001.json")
        XCTAssertEqual(document.layout.shape, .map)
        XCTAssertEqual(document.serialized(), Array(text.utf8))
        let empty = "{\n\"width\":1,\n\"data\":[0],\n\"events\":[\nnull\n]\n}"
        XCTAssertEqual(try JSONDocument(parsing: empty).serialized(), Array(empty.utf8))
    }

    func testCompactFileWithTrailingNewlineRoundTrips() throws {
        let text = #"{"gameTitle":"Ünïcödé ✓","windowTone":[0,0,0,0],"opacity":0.75,"big":123456789012345678901234,"exp":1E+2,"neg":-0,"list":[[],{}],"esc":"\u0007\b\f\r"}"# + "\n"
        let document = try JSONDocument(parsing: text)
        XCTAssertEqual(document.layout, JSONLayout(shape: .compact, trailingNewline: true))
        XCTAssertEqual(document.serialized(), Array(text.utf8))
    }

    func testCRLFElementPerLineRoundTrips() throws {
        let text = "[\r\nnull,\r\n{\"id\":1}\r\n]"
        let document = try JSONDocument(parsing: text)
        XCTAssertEqual(document.layout.newline, "\r\n")
        XCTAssertEqual(document.serialized(), Array(text.utf8))
    }

    func testByteOrderMarkIsAcceptedAndKept() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("[\nnull,\n{\"id\":1}\n]".utf8)
        let document = try JSONDocument(parsing: bytes)
        XCTAssertTrue(document.layout.byteOrderMark)
        XCTAssertEqual(document.layout.shape, .elementPerLine)
        XCTAssertEqual(document.serialized(), bytes)
    }

    func testNumbersKeepTheirSourceText() throws {
        let root = try JSONDocument(parsing: "[1,1.0,1e3,0.1,-2.50,3E-2]").root
        XCTAssertEqual(root.arrayValue?.map { $0.numberValue?.text }, ["1", "1.0", "1e3", "0.1", "-2.50", "3E-2"])
        XCTAssertEqual(root[2]?.intValue, 1000)
        XCTAssertEqual(root[3]?.doubleValue, 0.1)
        XCTAssertNil(root[3]?.intValue)
    }

    func testEscapesFollowJSONStringify() throws {
        // JSON.stringify escapes ", \ and control characters only; "/" and non-ASCII stay raw,
        // other control characters are \u00xx in lower case.
        let value: JSONValue = ["a\"b\\c/d\u{1}\u{1F}\u{7F}é\u{2028}\n\t"]
        XCTAssertEqual(String(decoding: JSONWriter.compact(value), as: UTF8.self),
                       "[\"a\\\"b\\\\c/d\\u0001\\u001f\u{7F}é\u{2028}\\n\\t\"]")
        // Escaped input decodes to the characters, including \u escapes and surrogate pairs.
        let parsed = try JSONDocument(parsing: #"["\u00e9\ud83d\ude00\/\u0000"]"#).root
        XCTAssertEqual(parsed[0]?.stringValue, "é😀/\u{0}")
    }

    func testNumbersMadeInSwiftAreFormattedLikeJavaScript() {
        let cases: [(Double, String)] = [
            (0, "0"), (-0.0, "0"), (1, "1"), (1.5, "1.5"), (-2.25, "-2.25"), (100, "100"),
            (0.1 + 0.2, "0.30000000000000004"), (1e21, "1e+21"), (1e20, "100000000000000000000"),
            (1.2345678901234568e20, "123456789012345680000"), (0.000001, "0.000001"),
            (1e-7, "1e-7"), (1.5e-7, "1.5e-7"), (Double.leastNonzeroMagnitude, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"), (2.5e25, "2.5e+25"),
        ]
        for (value, expected) in cases {
            XCTAssertEqual(JSONNumber(value)?.text, expected, "\(value)")
        }
        XCTAssertNil(JSONNumber(Double.nan))
        XCTAssertEqual(JSONNumber(Float(0.7))?.text, "0.7", "a Float's own shortest digits")
        XCTAssertEqual(JSONNumber(Float(1e-7))?.text, "1e-7")
        XCTAssertNil(JSONNumber(Float.infinity))
        XCTAssertEqual(JSONNumber(UInt64.max).text, "18446744073709551615")
        XCTAssertEqual(JSONValue.number(Double.infinity), .null)
    }

    func testObjectsKeepKeyOrderAndEditInPlace() throws {
        var actor = try JSONDocument(parsing: #"{"id":1,"name":"A","note":""}"#).root
        actor["name"] = "B"
        actor["extra"] = [1, 2]
        actor["note"] = nil
        XCTAssertEqual(actor.objectValue?.keys, ["id", "name", "extra"])
        XCTAssertEqual(String(decoding: JSONWriter.compact(actor), as: UTF8.self), #"{"id":1,"name":"B","extra":[1,2]}"#)
    }

    func testDuplicateKeysKeepTheLastValueInTheFirstPlace() throws {
        // As JSON.parse does; the dropped value's number must not shift the other literals.
        let root = try JSONDocument(parsing: #"{"a":1,"b":2.50,"a":3}"#).root
        XCTAssertEqual(String(decoding: JSONWriter.compact(root), as: UTF8.self), #"{"a":3,"b":2.50}"#)
    }

    func testDeeplyNestedDataParses() throws {
        let depth = 100
        let text = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
        XCTAssertEqual(try JSONDocument(parsing: text).serialized(), Array(text.utf8))
    }

    func testTopLevelScalars() throws {
        XCTAssertEqual(try JSONDocument(parsing: "42").root, 42)
        XCTAssertEqual(try JSONDocument(parsing: " \"x\" ").root, "x")
        XCTAssertEqual(try JSONDocument(parsing: "null").root, .null)
    }

    func testCommentsAreAcceptedOnlyInTheCommentedSyntax() throws {
        let text = """
            {
              // the cast
              "name": "Alice", /* inline, with "quotes" and // inside */
              "url": "http://x//y/*z*/",
              "seed": 7
            }
            """
        XCTAssertThrowsError(try JSONDocument(parsing: text))
        let root = try JSONDocument(parsing: text, syntax: .withComments).root
        XCTAssertEqual(root["url"]?.stringValue, "http://x//y/*z*/")
        XCTAssertEqual(root["seed"]?.intValue, 7)
    }

    func testWriteAndReadAFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("json-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/Actors.json"
        let document = JSONDocument(root: [nil, ["id": 1, "name": "Ann"]], layout: .rpgMakerDatabase)
        try document.write(to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "[\nnull,\n{\"id\":1,\"name\":\"Ann\"}\n]")
        XCTAssertEqual(try JSONDocument(contentsOfFile: path), document)
    }
}

final class JSONParseErrorTests: XCTestCase {
    private func parseError(_ text: String, syntax: JSONSyntax = .strict) -> JSONParseError? {
        do {
            _ = try JSONDocument(parsing: text, name: "data/Test.json", syntax: syntax)
            return nil
        } catch let error as JSONParseError {
            return error
        } catch {
            XCTFail("unexpected error type: \(error)")
            return nil
        }
    }

    func testErrorsGiveFileLineAndColumn() throws {
        let trailingComma = try XCTUnwrap(parseError("[\nnull,\n{\"id\":1,}\n]"))
        XCTAssertEqual(trailingComma.file, "data/Test.json")
        XCTAssertEqual([trailingComma.line, trailingComma.column], [3, 9])
        XCTAssertTrue(trailingComma.description.hasPrefix("data/Test.json:3:9: "), trailingComma.description)

        // Columns count characters, not UTF-8 bytes.
        let afterUnicode = try XCTUnwrap(parseError("{\"名前\": 'x'}"))
        XCTAssertEqual([afterUnicode.line, afterUnicode.column], [1, 8])
    }

    func testTruncatedAndEmptyFiles() throws {
        let truncated = try XCTUnwrap(parseError("[\n{\"id\":1,"))
        XCTAssertEqual(truncated.line, 2)
        XCTAssertTrue(truncated.reason.contains("end of the file"), truncated.reason)
        let empty = try XCTUnwrap(parseError("  \n"))
        XCTAssertTrue(empty.reason.contains("no JSON value"), empty.reason)
    }

    func testTrailingTextIsPointedAt() throws {
        let error = try XCTUnwrap(parseError("[1]\n  x"))
        XCTAssertEqual([error.line, error.column], [2, 3])
    }

    func testNonStandardJSONIsRejected() throws {
        for text in ["{a:1}", "[NaN]", "[-Infinity]", "[nan]", "['x']", "[01]", "[1.]", "[1,]", "[\"tab\there\"]", "[tru]"] {
            XCTAssertNotNil(parseError(text), text)
        }
        let rawTab = try XCTUnwrap(parseError("[\n \"a\tb\"]"))
        XCTAssertEqual([rawTab.line, rawTab.column], [2, 4])
    }

    func testInvalidUTF8IsRejected() {
        XCTAssertThrowsError(try JSONDocument(parsing: [0x5B, 0x22, 0xC3, 0x28, 0x22, 0x5D], name: "bad.json")) { error in
            XCTAssertTrue(String(describing: error).hasPrefix("bad.json:1:"), "\(error)")
        }
    }

    func testCommentErrorsKeepPositions() throws {
        let error = try XCTUnwrap(parseError("// header\n/* note */ {\"a\": }", syntax: .withComments))
        XCTAssertEqual([error.line, error.column], [2, 18])
        let unterminated = try XCTUnwrap(parseError("{}\n  /* open", syntax: .withComments))
        XCTAssertEqual([unterminated.line, unterminated.column], [2, 3])
    }

    func testMissingFileNamesIt() {
        XCTAssertThrowsError(try JSONDocument(contentsOfFile: "/nonexistent/Actors.json")) { error in
            XCTAssertTrue(String(describing: error).contains("/nonexistent/Actors.json"))
        }
    }
}

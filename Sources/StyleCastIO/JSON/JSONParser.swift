import CJSONC

/// Which JSON dialect to accept.
public enum JSONSyntax: Sendable {
    /// RFC 8259 JSON, as `JSON.parse` accepts it.
    case strict
    /// JSON plus `//` and `/* */` comments (for hand-written manifests).
    case withComments
}

/// Parses JSON text through json-c's tokener (strict mode, UTF-8 validated) into `JSONValue`.
/// The only Swift code that talks to json-c.
enum JSONParser {
    /// Deep enough for any RPG Maker map (event commands nest a handful of levels); json-c's
    /// default of 32 is too shallow for hand-made files.
    private static let maximumDepth: Int32 = 512

    static func parse(_ input: [UInt8], name: String, syntax: JSONSyntax) throws -> JSONValue {
        // json-c takes the length as a 32-bit int.
        guard input.count < Int32.max else {
            throw JSONParseError(file: name, line: 1, column: 1,
                                 reason: "the file is \(input.count) bytes; JSON files of 2 GiB or more are not read")
        }
        var bytes = input
        if syntax == .withComments {
            switch JSONCommentStripper.strip(input) {
            case let .success(stripped): bytes = stripped
            case let .failure(unterminated):
                throw error(at: unterminated.offset, in: input, name: name, reason: "unterminated /* comment")
            }
        }
        guard let tokener = json_tokener_new_ex(maximumDepth) else {
            throw JSONParseError(file: name, line: 1, column: 1, reason: "out of memory")
        }
        defer { json_tokener_free(tokener) }
        // Trailing text is reported below, pointing at the text itself rather than the space before it.
        json_tokener_set_flags(tokener, JSON_TOKENER_STRICT | JSON_TOKENER_ALLOW_TRAILING_CHARS | JSON_TOKENER_VALIDATE_UTF8)

        var root = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                json_tokener_parse_ex(tokener, chars.baseAddress, Int32(chars.count))
            }
        }
        var status = json_tokener_get_error(tokener)
        var end = json_tokener_get_parse_end(tokener)
        if status == json_tokener_continue {
            // A top-level number (or nothing at all) needs the terminating NUL to finish.
            root = json_tokener_parse_ex(tokener, "", 1)
            status = json_tokener_get_error(tokener)
            end = bytes.count
            if status != json_tokener_success {
                let whitespaceOnly = bytes.allSatisfy(isWhitespace)
                throw error(at: bytes.count, in: bytes, name: name,
                            reason: whitespaceOnly ? "the file holds no JSON value" : "unexpected end of the file")
            }
        }
        guard status == json_tokener_success else {
            let reason = String(cString: json_tokener_error_desc(status))
            throw error(at: end, in: bytes, name: name, reason: reason)
        }
        defer { json_object_put(root) } // a JSON `null` is a NULL root; putting NULL is a no-op
        if let extra = bytes[min(end, bytes.count)...].firstIndex(where: { !isWhitespace($0) }) {
            throw error(at: extra, in: bytes, name: name, reason: "unexpected text after the JSON value")
        }

        // json-c's strict mode still lets NaN, Infinity and raw control characters in strings
        // through; the lexical pass catches those, and collects the number literals.
        let literals: [String]
        do {
            literals = try JSONLexicalCheck.numberLiterals(in: bytes)
        } catch let problem as JSONLexicalCheck.Problem {
            throw error(at: problem.offset, in: bytes, name: name, reason: problem.reason)
        }
        // json-c keeps the source text of fractional numbers but not of integers, so the
        // literals are read from the text; the tree visits them in the same (document) order.
        // Duplicate keys make json-c drop values, which shows up as a count mismatch: then its
        // own number text is used.
        var converter = Converter(literals: literals)
        let value = converter.convert(root)
        if converter.next == literals.count { return value }
        var fallback = Converter(literals: nil)
        return fallback.convert(root)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func error(at offset: Int, in bytes: [UInt8], name: String, reason: String) -> JSONParseError {
        let position = TextPosition.lineAndColumn(of: offset, in: bytes)
        return JSONParseError(file: name, line: position.line, column: position.column, reason: reason)
    }

    /// Turns a json-c tree into `JSONValue`.
    private struct Converter {
        let literals: [String]?
        var next = 0

        mutating func convert(_ object: OpaquePointer?) -> JSONValue {
            guard let object else { return .null }
            switch json_object_get_type(object) {
            case json_type_null:
                return .null
            case json_type_boolean:
                return .bool(json_object_get_boolean(object) != 0)
            case json_type_int, json_type_double:
                return .number(numberText(object))
            case json_type_string:
                let length = Int(json_object_get_string_len(object))
                let start = UnsafeRawPointer(json_object_get_string(object)!).assumingMemoryBound(to: UInt8.self)
                return .string(String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self))
            case json_type_array:
                let count = json_object_array_length(object)
                return .array((0..<count).map { convert(json_object_array_get_idx(object, $0)) })
            case json_type_object:
                var members: [(key: String, value: JSONValue)] = []
                var iterator = json_object_iter_begin(object)
                var end = json_object_iter_end(object)
                while json_object_iter_equal(&iterator, &end) == 0 {
                    let key = String(cString: json_object_iter_peek_name(&iterator))
                    members.append((key, convert(json_object_iter_peek_value(&iterator))))
                    json_object_iter_next(&iterator)
                }
                return .object(JSONObject(uniqueMembers: members))
            default:
                return .null
            }
        }

        private mutating func numberText(_ object: OpaquePointer) -> JSONNumber {
            defer { next += 1 }
            if let literals, next < literals.count { return JSONNumber(literal: literals[next]) }
            return JSONNumber(literal: String(cString: json_object_get_string(object)))
        }
    }
}

/// Finds the line and column of a byte offset in UTF-8 text.
enum TextPosition {
    static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for byte in bytes.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 { // continuation bytes belong to the previous character
                column += 1
            }
        }
        return (line, column)
    }
}

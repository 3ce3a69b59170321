import Foundation

/// One step from a JSON value to a value inside it.
public enum JSONPathComponent: Hashable, Sendable {
    case key(String)
    case index(Int)

    /// `characters[2].spriteMixes[0].rows`, the way the README names fields: `path` below the
    /// field `root` ("" for a file's top level); "(top level)" for the whole file.
    public static func fieldName(_ path: [JSONPathComponent], under root: String = "") -> String {
        var text = root
        for component in path {
            switch component {
            case let .key(key): text += text.isEmpty ? key : "." + key
            case let .index(index): text += "[\(index)]"
            }
        }
        return text.isEmpty ? "(top level)" : text
    }
}

/// Where something starts in a text file: line and column from 1, the column counting
/// characters (as `JSONParseError` does).
public struct SourcePosition: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A parsed JSON file that also knows where each value and each object key starts, so a reader
/// checking the content (a hand-written manifest) can point at `file:line:column`. Parsing is
/// json-c's, through `JSONParser`; this only adds the positions.
public struct LocatedJSON: Sendable {
    public let root: JSONValue
    /// The name errors give (usually the file's path).
    public let file: String
    /// Keys that appear twice in one object, at their second (or later) place. json-c keeps one
    /// of the values, so a reader that cares should report these.
    public let duplicateKeys: [(path: [JSONPathComponent], position: SourcePosition)]
    private let valueStarts: [[JSONPathComponent]: SourcePosition]
    private let keyStarts: [[JSONPathComponent]: SourcePosition]
    /// Where the root value and everything in it lie, as byte offsets into the text without
    /// its byte-order mark (`JSONSourceText` edits the text through them).
    let span: JSONSpan
    /// How many bytes of byte-order mark the text starts with (0 or 3).
    let byteOrderMarkLength: Int
    /// The text as read, without its byte-order mark.
    let text: [UInt8]

    public init(parsing input: [UInt8], name: String, syntax: JSONSyntax = .strict) throws {
        byteOrderMarkLength = input.starts(with: JSONLayout.byteOrderMarkBytes) ? 3 : 0
        let bytes = Array(input.dropFirst(byteOrderMarkLength))
        root = try JSONParser.parse(bytes, name: name, syntax: syntax)
        file = name
        text = bytes
        // The parser accepted the text, so comments (blanked, positions kept) are the only
        // thing between the locator and plain JSON.
        let plain = syntax == .withComments ? ((try? JSONCommentStripper.strip(bytes).get()) ?? bytes) : bytes
        var locator = Locator(bytes: plain)
        span = locator.locateValue(at: [])
        valueStarts = locator.valueStarts
        keyStarts = locator.keyStarts
        duplicateKeys = locator.duplicateKeys
    }

    public init(contentsOfFile path: String, syntax: JSONSyntax = .strict) throws {
        try self.init(parsing: FileReadError.contents(of: path), name: path, syntax: syntax)
    }

    /// Where the value at `path` starts; for a path that is not in the file (a missing member),
    /// where its nearest enclosing value starts.
    public func position(of path: [JSONPathComponent]) -> SourcePosition {
        var path = path
        while !path.isEmpty {
            if let found = valueStarts[path] { return found }
            path.removeLast()
        }
        return valueStarts[[]] ?? SourcePosition(line: 1, column: 1)
    }

    /// Where the key of the object member at `path` starts (the value's place for an array
    /// element or the root).
    public func keyPosition(of path: [JSONPathComponent]) -> SourcePosition {
        keyStarts[path] ?? position(of: path)
    }

    /// Walks text json-c has accepted, recording where each value and key starts and the byte
    /// span of each. The text is known to be well-formed, so there is nothing to check here.
    private struct Locator {
        let bytes: [UInt8]
        var offset = 0
        var line = 1
        var column = 1
        var valueStarts: [[JSONPathComponent]: SourcePosition] = [:]
        var keyStarts: [[JSONPathComponent]: SourcePosition] = [:]
        var duplicateKeys: [(path: [JSONPathComponent], position: SourcePosition)] = []

        init(bytes: [UInt8]) { self.bytes = bytes }

        var here: SourcePosition { SourcePosition(line: line, column: column) }
        var current: UInt8 { offset < bytes.count ? bytes[offset] : 0 }

        mutating func advance() {
            if bytes[offset] == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if bytes[offset] & 0xC0 != 0x80 { // continuation bytes belong to the previous character
                column += 1
            }
            offset += 1
        }

        mutating func skipWhitespace() {
            while offset < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[offset]) { advance() }
        }

        mutating func locateValue(at path: [JSONPathComponent]) -> JSONSpan {
            skipWhitespace()
            valueStarts[path] = here
            let start = offset
            var children: [JSONSpan.Child] = []
            switch current {
            case UInt8(ascii: "{"):
                advance()
                skipWhitespace()
                var seen: Set<String> = []
                while current != UInt8(ascii: "}") {
                    skipWhitespace()
                    let keyStart = here
                    let keyOffset = offset
                    let key = readString()
                    let keyRange = keyOffset..<offset
                    let memberPath = path + [.key(key)]
                    if !seen.insert(key).inserted { duplicateKeys.append((memberPath, keyStart)) }
                    keyStarts[memberPath] = keyStart
                    skipWhitespace()
                    advance() // ':'
                    children.append(JSONSpan.Child(key: key, keyRange: keyRange, value: locateValue(at: memberPath)))
                    skipWhitespace()
                    if current == UInt8(ascii: ",") { advance() }
                    skipWhitespace()
                }
                advance()
            case UInt8(ascii: "["):
                advance()
                skipWhitespace()
                var index = 0
                while current != UInt8(ascii: "]") {
                    children.append(JSONSpan.Child(key: nil, keyRange: nil, value: locateValue(at: path + [.index(index)])))
                    index += 1
                    skipWhitespace()
                    if current == UInt8(ascii: ",") { advance() }
                    skipWhitespace()
                }
                advance()
            case UInt8(ascii: "\""):
                _ = readString()
            default: // number, true, false, null
                while offset < bytes.count, !",]} \n\r\t".utf8.contains(bytes[offset]) { advance() }
            }
            return JSONSpan(range: start..<offset, children: children)
        }

        /// Reads a string literal and returns its decoded text (escapes resolved as the parser
        /// resolves them, so keys match the parsed objects' keys).
        mutating func readString() -> String {
            let start = offset
            var escaped = false
            advance()
            while current != UInt8(ascii: "\"") {
                if current == UInt8(ascii: "\\") {
                    escaped = true
                    advance()
                }
                advance()
            }
            advance()
            let literal = Array(bytes[start..<offset])
            guard escaped else { return String(decoding: literal.dropFirst().dropLast(), as: UTF8.self) }
            return (try? JSONParser.parse(literal, name: "", syntax: .strict))?.stringValue ?? ""
        }
    }
}

/// Where a JSON value lies in its text: the byte range of the value itself and, for an array or
/// object, of each element or member (with the member's key), in text order.
struct JSONSpan: Sendable, Equatable {
    struct Child: Sendable, Equatable {
        /// The member's key, nil for an array element.
        let key: String?
        let keyRange: Range<Int>?
        let value: JSONSpan
    }

    let range: Range<Int>
    let children: [Child]

    /// Where the child's text starts: its key for a member, else the value.
    static func start(of child: Child) -> Int { child.keyRange?.lowerBound ?? child.value.range.lowerBound }
}

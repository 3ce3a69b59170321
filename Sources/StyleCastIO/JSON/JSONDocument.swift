import Foundation

/// How a JSON file is laid out, so a rewrite keeps the look of the original.
public struct JSONLayout: Equatable, Sendable {
    public enum Shape: Equatable, Sendable {
        /// Everything on one line, as `JSON.stringify(value)` writes it (System.json, maps).
        case compact
        /// RPG Maker's database arrays (Actors.json...): `[`, then one compact element per
        /// line, each but the last followed by a comma, then `]`.
        case elementPerLine
        /// RPG Maker's map files (Map001.json...): `{`, the other members on one line, `"data"`
        /// on one line, then `"events"` laid out like a database array, then `}`.
        case map
    }

    public var shape: Shape
    /// "\n" or "\r\n", used between the lines of `.elementPerLine`.
    public var newline: String
    /// Whether the file ends with a newline after the value.
    public var trailingNewline: Bool
    /// Whether the file starts with a UTF-8 byte-order mark (some Windows editors add one;
    /// browsers, and so RPG Maker, ignore it).
    public var byteOrderMark: Bool

    public init(shape: Shape, newline: String = "\n", trailingNewline: Bool = false, byteOrderMark: Bool = false) {
        self.shape = shape
        self.newline = newline
        self.trailingNewline = trailingNewline
        self.byteOrderMark = byteOrderMark
    }

    static let byteOrderMarkBytes: [UInt8] = [0xEF, 0xBB, 0xBF]

    public static let compact = JSONLayout(shape: .compact)
    /// The layout RPG Maker MV and MZ give their database files.
    public static let rpgMakerDatabase = JSONLayout(shape: .elementPerLine)

    /// The layout of existing file bytes.
    public static func detect(_ file: [UInt8]) -> JSONLayout {
        let byteOrderMark = file.starts(with: byteOrderMarkBytes)
        let bytes = byteOrderMark ? Array(file.dropFirst(3)) : file
        let crlf: [UInt8] = [13, 10]
        let newline = bytes.dropFirst().starts(with: crlf) ? "\r\n" : "\n"
        let trailing = bytes.last == 10
        if bytes.starts(with: [UInt8(ascii: "[")] + Array(newline.utf8)) {
            return JSONLayout(shape: .elementPerLine, newline: newline, trailingNewline: trailing, byteOrderMark: byteOrderMark)
        }
        if bytes.starts(with: [UInt8(ascii: "{")] + Array(newline.utf8)) {
            return JSONLayout(shape: .map, newline: newline, trailingNewline: trailing, byteOrderMark: byteOrderMark)
        }
        return JSONLayout(shape: .compact, newline: newline, trailingNewline: trailing, byteOrderMark: byteOrderMark)
    }
}

/// A parsed JSON file together with its layout: what reading, editing and re-writing a
/// project's data file goes through. Re-writing an untouched file gives back its bytes.
public struct JSONDocument: Equatable, Sendable {
    public var root: JSONValue
    public var layout: JSONLayout

    public init(root: JSONValue, layout: JSONLayout = .compact) {
        self.root = root
        self.layout = layout
    }

    /// Parses JSON bytes; `name` labels errors (usually the file's path).
    public init(parsing bytes: [UInt8], name: String = "<memory>", syntax: JSONSyntax = .strict) throws {
        layout = JSONLayout.detect(bytes)
        root = try JSONParser.parse(layout.byteOrderMark ? Array(bytes.dropFirst(3)) : bytes, name: name, syntax: syntax)
    }

    public init(parsing text: String, name: String = "<memory>", syntax: JSONSyntax = .strict) throws {
        try self.init(parsing: Array(text.utf8), name: name, syntax: syntax)
    }

    /// Reads and parses a file; a missing file and bad JSON are both errors naming the file.
    public init(contentsOfFile path: String, syntax: JSONSyntax = .strict) throws {
        try self.init(parsing: FileReadError.contents(of: path), name: path, syntax: syntax)
    }

    /// The file's bytes in its layout.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = layout.byteOrderMark ? JSONLayout.byteOrderMarkBytes : []
        let newline = Array(layout.newline.utf8)
        switch (layout.shape, root) {
        case let (.elementPerLine, .array(elements)) where !elements.isEmpty:
            writeElementPerLine(elements, newline: newline, to: &out)
        case let (.map, .object(object)) where Self.isMapShaped(object):
            // {\n<other members>,\n"data":[...],\n"events":[\n<one per line>\n]\n}
            let others = object.members.dropLast(2)
            out.append(UInt8(ascii: "{"))
            out += newline
            for (index, member) in others.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONWriter.writeMember(member, to: &out)
            }
            if !others.isEmpty { out.append(UInt8(ascii: ",")); out += newline }
            JSONWriter.writeMember(object.members[object.count - 2], to: &out)
            out.append(UInt8(ascii: ","))
            out += newline
            JSONWriter.writeString("events", to: &out)
            out.append(UInt8(ascii: ":"))
            writeElementPerLine(object.members[object.count - 1].value.arrayValue!, newline: newline, to: &out)
            out += newline
            out.append(UInt8(ascii: "}"))
        default:
            JSONWriter.write(root, to: &out)
        }
        if layout.trailingNewline { out += newline }
        return out
    }

    /// A map document ends with its `data` and `events` (a non-empty array) members.
    private static func isMapShaped(_ object: JSONObject) -> Bool {
        object.keys.suffix(2) == ["data", "events"] && !(object["events"]?.arrayValue?.isEmpty ?? true)
    }

    private func writeElementPerLine(_ elements: [JSONValue], newline: [UInt8], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += newline
            JSONWriter.write(element, to: &out)
        }
        out += newline
        out.append(UInt8(ascii: "]"))
    }

    /// Writes the file atomically.
    public func write(to path: String) throws {
        try AtomicFile.write(serialized(), to: path)
    }
}

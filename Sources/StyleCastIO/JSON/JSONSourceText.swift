import Foundation

/// A JSON file that is edited in place rather than rewritten, so that it keeps whatever layout
/// its owner gave it (RPG Maker's one element per line, one line, or a formatter's indentation;
/// CRLF; a byte-order mark). `text(for:)` copies every value that did not change as its exact
/// source text (escapes and number forms included), writes a changed scalar in its place, and
/// lays out what is new (an appended element, an added member) like its neighbours.
public struct JSONSourceText: Equatable, Sendable {
    /// The value as parsed.
    public let root: JSONValue
    /// The file as read, without its byte-order mark.
    private let body: [UInt8]
    private let byteOrderMarkLength: Int
    private let span: JSONSpan

    /// Parses JSON bytes (strict JSON, an optional byte-order mark); `name` labels errors.
    public init(parsing bytes: [UInt8], name: String) throws {
        self.init(try LocatedJSON(parsing: bytes, name: name))
    }

    /// The text `located` was parsed from, for editing; a reader checks the content with
    /// `JSONField(located)` first, so its errors point at `line:column`.
    public init(_ located: LocatedJSON) {
        root = located.root
        byteOrderMarkLength = located.byteOrderMarkLength
        body = located.text
        span = located.span
    }

    /// Reads and parses a file; a missing file and bad JSON are both errors naming the file.
    public init(contentsOfFile path: String) throws {
        try self.init(parsing: FileReadError.contents(of: path), name: path)
    }

    /// The file's bytes with its value changed to `value`. `text(for: root)` is the file itself.
    public func text(for value: JSONValue) -> [UInt8] {
        var out = Array(JSONLayout.byteOrderMarkBytes.prefix(byteOrderMarkLength))
        out += body[..<span.range.lowerBound]
        JSONSplicer(text: body).write(value, over: root, at: span, inherited: .compact, into: &out)
        out += body[span.range.upperBound...]
        return out
    }
}

/// How a container's children are laid out, learnt from text: the bytes between the opening
/// bracket and the first child, between two children (the comma included), after the last
/// child, and between a key and its value.
private struct ContainerLayout {
    var open: [UInt8]
    var between: [UInt8]
    var close: [UInt8]
    /// Nil until an object has shown it.
    var colon: [UInt8]?

    /// `JSON.stringify` with no indentation: what RPG Maker writes.
    static let compact = ContainerLayout(open: [], between: Array(",".utf8), close: [], colon: nil)

    var isMultiline: Bool { open.contains(UInt8(ascii: "\n")) }

    /// The colon to write: as seen, else as `JSON.stringify` writes it with or without indentation.
    var keySeparator: [UInt8] { colon ?? Array((isMultiline ? ": " : ":").utf8) }

    /// The layout of a container one level deeper that has no text to learn from: one more
    /// indentation step where this one is indented, else the same inline spacing.
    var nested: ContainerLayout {
        guard isMultiline else { return self }
        // The step is what the children's indentation adds to the closing bracket's.
        guard open.count > close.count, open.starts(with: close) else {
            return ContainerLayout(open: [], between: Array(",".utf8), close: [], colon: colon)
        }
        let step = open[close.count...]
        return ContainerLayout(open: open + step, between: between + step, close: open, colon: colon)
    }
}

/// Writes a changed JSON value over the text of the value it replaces (see `JSONSourceText`).
private struct JSONSplicer {
    let text: [UInt8]

    /// Writes `new`, which replaces `old` written at `span`; `inherited` is the layout a
    /// container written afresh there gets when `old` has none to copy.
    func write(_ new: JSONValue, over old: JSONValue, at span: JSONSpan, inherited: ContainerLayout, into out: inout [UInt8]) {
        if new == old {
            out += text[span.range]
            return
        }
        switch (new, old) {
        case let (.object(newObject), .object(oldObject)) where canSplice(newObject, over: oldObject, at: span):
            let layout = self.layout(of: span, inheriting: inherited)
            var cursor = span.range.lowerBound
            for (child, (member, oldMember)) in zip(span.children, zip(newObject.members, oldObject.members)) {
                out += text[cursor..<child.value.range.lowerBound]
                write(member.value, over: oldMember.value, at: child.value, inherited: layout.nested, into: &out)
                cursor = child.value.range.upperBound
            }
            for member in newObject.members.dropFirst(oldObject.count) {
                out += layout.between
                JSONWriter.writeString(member.key, to: &out)
                out += layout.keySeparator
                out += fresh(member.value, model: nil, inherited: layout.nested)
            }
            out += text[cursor..<span.range.upperBound]
        case let (.array(newElements), .array(oldElements)) where newElements.count >= oldElements.count && !oldElements.isEmpty:
            let layout = self.layout(of: span, inheriting: inherited)
            var cursor = span.range.lowerBound
            for (child, (element, oldElement)) in zip(span.children, zip(newElements, oldElements)) {
                out += text[cursor..<child.value.range.lowerBound]
                write(element, over: oldElement, at: child.value, inherited: layout.nested, into: &out)
                cursor = child.value.range.upperBound
            }
            for element in newElements.dropFirst(oldElements.count) {
                out += layout.between
                // A new element looks like the last one of its kind before it.
                let neighbour = span.children.last { kind(of: $0.value) == Self.kind(of: element) }
                out += fresh(element, model: neighbour?.value, inherited: layout.nested)
            }
            out += text[cursor..<span.range.upperBound]
        default:
            out += fresh(new, model: span, inherited: inherited)
        }
    }

    /// Members can be edited in place when the text holds exactly the parsed members (no
    /// duplicate keys) and the new object keeps them, in order, adding only at the end.
    private func canSplice(_ new: JSONObject, over old: JSONObject, at span: JSONSpan) -> Bool {
        !old.members.isEmpty && span.children.map(\.key) == old.keys && Array(new.keys.prefix(old.count)) == old.keys
    }

    /// `value` written from scratch, laid out like `model` (text of the same kind of
    /// container, if there is one) or else `inherited`.
    private func fresh(_ value: JSONValue, model: JSONSpan?, inherited: ContainerLayout) -> [UInt8] {
        let children: [(key: String?, value: JSONValue)]
        switch value {
        case let .array(elements) where !elements.isEmpty: children = elements.map { (nil, $0) }
        case let .object(object) where !object.members.isEmpty: children = object.members.map { ($0.key, $0.value) }
        default: return JSONWriter.compact(value) // scalars, [] and {}
        }
        let model = model.flatMap { kind(of: $0) == Self.kind(of: value) && !$0.children.isEmpty ? $0 : nil }
        let layout = model.map { self.layout(of: $0, inheriting: inherited) } ?? inherited
        let isObject = Self.kind(of: value) == UInt8(ascii: "{")
        var out: [UInt8] = [isObject ? UInt8(ascii: "{") : UInt8(ascii: "[")]
        out += layout.open
        for (index, child) in children.enumerated() {
            if index > 0 { out += layout.between }
            if let key = child.key {
                JSONWriter.writeString(key, to: &out)
                out += layout.keySeparator
            }
            out += fresh(child.value, model: model.flatMap { childModel(in: $0, key: child.key, like: child.value) }, inherited: layout.nested)
        }
        out += layout.close
        out.append(isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        return out
    }

    /// The text to copy the layout of for a child: in an object, the member with the same key;
    /// in an array, the first element of the same kind.
    private func childModel(in model: JSONSpan, key: String?, like value: JSONValue) -> JSONSpan? {
        let kind = Self.kind(of: value)
        let candidates = key.map { key in model.children.filter { $0.key == key } } ?? model.children
        return candidates.first { self.kind(of: $0.value) == kind && !$0.value.children.isEmpty }?.value
    }

    /// The layout of a container with at least one child.
    private func layout(of span: JSONSpan, inheriting inherited: ContainerLayout?) -> ContainerLayout {
        let first = span.children[0], last = span.children[span.children.count - 1]
        let open = Array(text[(span.range.lowerBound + 1)..<JSONSpan.start(of: first)])
        let between = span.children.count > 1
            ? Array(text[first.value.range.upperBound..<JSONSpan.start(of: span.children[1])])
            : Array(",".utf8) + open
        let close = Array(text[last.value.range.upperBound..<(span.range.upperBound - 1)])
        let colon = first.keyRange.map { Array(text[$0.upperBound..<first.value.range.lowerBound]) } ?? inherited?.colon
        return ContainerLayout(open: open, between: between, close: close, colon: colon)
    }

    /// The first byte of a value's text: `{`, `[`, or that of a scalar (only containers are compared).
    private func kind(of span: JSONSpan) -> UInt8 { text[span.range.lowerBound] }

    private static func kind(of value: JSONValue) -> UInt8 {
        switch value {
        case .object: UInt8(ascii: "{")
        case .array: UInt8(ascii: "[")
        default: 0
        }
    }
}

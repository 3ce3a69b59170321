/// One value of a parsed JSON document with the name of the field it is and, for a file read
/// with positions (`LocatedJSON`), where it starts: the typed reads of a reader that checks a
/// file's content and stops at its first problem. A read that finds something else throws a
/// `JSONContentError` naming the file, `line:column`, the field (`rows.shape[2]`) and what the
/// field must be. (The manifest's reader, which reports every problem at once, keeps its own,
/// naming fields and values the same way: `JSONPathComponent.fieldName`, `JSONValue.brief`.)
public struct JSONField: Sendable {
    public let value: JSONValue
    public let path: [JSONPathComponent]
    private let document: Document

    private struct Document: Sendable {
        let file: String
        /// The name of the root value: "" for a file's top level, or a field holding embedded
        /// JSON such as `__metadata__.stylecast_rows`.
        let rootName: String
        let located: LocatedJSON?
    }

    /// The top level of a file read with positions.
    public init(_ json: LocatedJSON) {
        value = json.root
        path = []
        document = Document(file: json.file, rootName: "", located: json)
    }

    /// A value without positions: `file` names where it came from ("" for nowhere in
    /// particular) and `name` the field it is ("" for the top level).
    public init(_ value: JSONValue, file: String, name: String = "") {
        self.value = value
        path = []
        document = Document(file: file, rootName: name, located: nil)
    }

    private init(_ value: JSONValue, path: [JSONPathComponent], document: Document) {
        self.value = value
        self.path = path
        self.document = document
    }

    /// `rows.shape[2]`, the way the README names fields; "(top level)" for the whole value.
    public var name: String { JSONPathComponent.fieldName(path, under: document.rootName) }

    /// An error about this field, at its place in the file.
    public func error(_ reason: String) -> JSONContentError {
        JSONContentError(file: document.file, field: name, position: document.located?.position(of: path), reason: reason)
    }

    /// Throws `error(reason)` unless `condition` holds.
    public func check(_ condition: Bool, _ reason: @autoclosure () -> String) throws {
        if !condition { throw error(reason()) }
    }

    // MARK: - Structure

    /// The members of an object, in file order.
    public func members() throws -> [(key: String, field: JSONField)] {
        guard let object = value.objectValue else { throw error("must be an object { ... }, not \(value.brief)") }
        return object.members.map { ($0.key, JSONField($0.value, path: path + [.key($0.key)], document: document)) }
    }

    /// The member `key` of an object, `null` where it is left out (or this is no object): for
    /// readers with defaults, and for errors about a member that is not there.
    public subscript(key: String) -> JSONField {
        JSONField(value[key] ?? .null, path: path + [.key(key)], document: document)
    }

    /// The same place holding `value` instead (a default standing in for what was left out).
    public func with(_ value: JSONValue) -> JSONField {
        JSONField(value, path: path, document: document)
    }

    /// The member `key`, which must be there; `meaning` says what it holds, for the error.
    public func member(_ key: String, _ meaning: String) throws -> JSONField {
        guard let member = try optionalMember(key, nullIsAbsent: false) else { throw self[key].error("is required (\(meaning))") }
        return member
    }

    /// The member `key`, or nil when it is left out or null.
    public func optionalMember(_ key: String) throws -> JSONField? {
        try optionalMember(key, nullIsAbsent: true)
    }

    private func optionalMember(_ key: String, nullIsAbsent: Bool) throws -> JSONField? {
        guard let object = value.objectValue else { throw error("must be an object { ... }, not \(value.brief)") }
        guard let member = object[key], !(nullIsAbsent && member.isNull) else { return nil }
        return JSONField(member, path: path + [.key(key)], document: document)
    }

    /// Refuses an object member whose key is not one of `known` (a misspelt optional field
    /// would otherwise be ignored without a word), pointing at the key. `reason` replaces the
    /// default, which lists the known keys.
    public func rejectUnknownKeys(_ known: some Collection<String>, reason: String? = nil) throws {
        for (key, member) in try members() where !known.contains(key) {
            throw JSONContentError(file: document.file, field: member.name, position: document.located?.keyPosition(of: member.path),
                                   reason: reason ?? "is not a field this reader knows; the fields are \(known.joined(separator: ", "))")
        }
    }

    /// The elements of an array.
    public func elements() throws -> [JSONField] {
        guard let array = value.arrayValue else { throw error("must be a list [ ... ], not \(value.brief)") }
        return array.indices.map { JSONField(array[$0], path: path + [.index($0)], document: document) }
    }

    // MARK: - Scalars

    public func string() throws -> String {
        guard let text = value.stringValue else { throw error("must be a string \"...\", not \(value.brief)") }
        return text
    }

    public func bool() throws -> Bool {
        guard let flag = value.boolValue else { throw error("must be true or false, not \(value.brief)") }
        return flag
    }

    /// A whole number (`3`, `3.0` or `3e0`) in `range`.
    public func int(in range: ClosedRange<Int> = Int.min...Int.max) throws -> Int {
        guard let number = value.intValue, range.contains(number) else {
            let bounds = switch (range.lowerBound, range.upperBound) {
            case (Int.min, Int.max): ""
            case (let low, Int.max): " of \(low) or more"
            default: " from \(range.lowerBound) to \(range.upperBound)"
            }
            throw error("must be a whole number\(bounds), not \(value.brief)")
        }
        return number
    }

    /// A number (JSON has no NaN or infinity).
    public func number() throws -> Double {
        guard let number = value.doubleValue, number.isFinite else { throw error("must be a number, not \(value.brief)") }
        return number
    }

    /// One of the raw values of `Choice`.
    public func oneOf<Choice: RawRepresentable & CaseIterable>(_: Choice.Type) throws -> Choice where Choice.RawValue == String {
        guard let choice = value.stringValue.flatMap(Choice.init(rawValue:)) else {
            throw error("must be one of \(Choice.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), not \(value.brief)")
        }
        return choice
    }
}

extension JSONValue {
    /// How a wrong value is named in an error message: numbers, `true`, `false` and `null` as
    /// their JSON text, a short string as `the string "..."`, anything longer by its kind.
    public var brief: String {
        switch self {
        case .array: return "a list"
        case .object: return "an object"
        case let .string(text) where text.count > 40: return "a long string"
        case .string: return "the string " + description
        default: return description
        }
    }
}

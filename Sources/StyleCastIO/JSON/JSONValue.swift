/// A JSON value that keeps everything needed to write its source back byte for byte: object
/// members keep their order, and numbers keep their source text (`1`, `1.0`, `1e3` stay distinct).
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// A JSON number as its literal text. Equality compares the text, because the text is what
/// gets written back; compare `doubleValue`s for numeric equality.
public struct JSONNumber: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The literal as it appears (or will appear) in the file.
    public let text: String

    /// Keeps `text` verbatim; the caller vouches that it is a valid JSON number literal.
    init(literal text: String) { self.text = text }

    public init(_ value: some BinaryInteger) { text = String(value) }

    /// The text JavaScript's `JSON.stringify` gives this value. Nil for NaN and infinities,
    /// which JSON cannot hold (JavaScript writes them as `null`).
    public init?(_ value: Double) {
        guard let text = JavaScriptNumberFormat.string(value) else { return nil }
        self.text = text
    }

    /// A Float's shortest digits (`0.7`, not the `0.699999988079071` of its Double) in the
    /// same notation. Nil for NaN and infinities.
    public init?(_ value: Float) {
        guard let text = JavaScriptNumberFormat.string(value) else { return nil }
        self.text = text
    }

    /// The same number in one spelling: integer literals as they are, anything else (`1.0`,
    /// `1e3`, `0.50`) as JavaScript writes its Double value.
    var canonical: JSONNumber {
        if !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) && text != "-0" { return self }
        return JSONNumber(doubleValue) ?? self
    }

    public var doubleValue: Double { Double(text) ?? .nan }

    /// The value as an Int when it is a whole number in range (`3`, `3.0` and `3e0` all give 3).
    public var intValue: Int? {
        if let exact = Int(text) { return exact }
        let value = doubleValue
        guard value.isFinite, value.rounded() == value, abs(value) < 9.0e18 else { return nil }
        return Int(value)
    }

    public var description: String { text }
}

/// A JSON object: members in file order, looked up by key. Setting an existing key replaces
/// its value in place; setting a new key appends it, as JavaScript does.
public struct JSONObject: Equatable, Sendable {
    public private(set) var members: [(key: String, value: JSONValue)]

    /// Members in order; a repeated key keeps its first place and its last value.
    public init(_ members: [(key: String, value: JSONValue)] = []) {
        self.members = []
        for member in members { self[member.key] = member.value }
    }

    /// Members whose keys are already unique (json-c drops duplicates while parsing), without
    /// the quadratic check.
    init(uniqueMembers members: [(key: String, value: JSONValue)]) {
        self.members = members
    }

    public var keys: [String] { members.map(\.key) }
    public var count: Int { members.count }

    public subscript(key: String) -> JSONValue? {
        get { members.first { $0.key == key }?.value }
        set {
            let index = members.firstIndex { $0.key == key }
            switch (index, newValue) {
            case let (index?, value?): members[index].value = value
            case let (index?, nil): members.remove(at: index)
            case let (nil, value?): members.append((key, value))
            case (nil, nil): break
            }
        }
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

extension JSONValue: CustomStringConvertible {
    /// The value as compact JSON.
    public var description: String { String(decoding: JSONWriter.compact(self), as: UTF8.self) }
}

// MARK: - Typed access

extension JSONValue {
    public var isNull: Bool { self == .null }

    public var boolValue: Bool? {
        if case let .bool(value) = self { return value }
        return nil
    }

    public var numberValue: JSONNumber? {
        if case let .number(value) = self { return value }
        return nil
    }

    public var intValue: Int? { numberValue?.intValue }
    public var doubleValue: Double? { numberValue?.doubleValue }

    public var stringValue: String? {
        if case let .string(value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case let .array(value) = self { return value }
        return nil
    }

    public var objectValue: JSONObject? {
        if case let .object(value) = self { return value }
        return nil
    }

    /// A member of an object; nil when this is not an object or has no such key. Setting a
    /// member of a non-object is a programming error.
    public subscript(key: String) -> JSONValue? {
        get { objectValue?[key] }
        set {
            guard case var .object(object) = self else {
                preconditionFailure("cannot set key '\(key)' on a JSON value that is not an object")
            }
            object[key] = newValue
            self = .object(object)
        }
    }

    /// An element of an array; nil when this is not an array or the index is out of range.
    public subscript(index: Int) -> JSONValue? {
        guard let array = arrayValue, array.indices.contains(index) else { return nil }
        return array[index]
    }

    /// A JSON number for an integer.
    public static func number(_ value: some BinaryInteger) -> JSONValue { .number(JSONNumber(value)) }

    /// A JSON number for a Double; NaN and infinities become `null`, as in JavaScript.
    public static func number(_ value: Double) -> JSONValue {
        JSONNumber(value).map(JSONValue.number) ?? .null
    }

    /// A JSON number for a Float, in its shortest digits; NaN and infinities become `null`.
    public static func number(_ value: Float) -> JSONValue {
        JSONNumber(value).map(JSONValue.number) ?? .null
    }

    /// The value with every object's members sorted by key (in Unicode order) and every number
    /// in one spelling (`JSONNumber.canonical`): equal data gives equal bytes however it was
    /// written, for text that is compared or hashed (a model's `init_kwargs`) or must not
    /// depend on the order a program built it in.
    public var canonical: JSONValue {
        switch self {
        case .null, .bool, .string: return self
        case let .number(number): return .number(number.canonical)
        case let .array(elements): return .array(elements.map(\.canonical))
        case let .object(object):
            let sorted = object.members.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
            return .object(JSONObject(uniqueMembers: sorted.map { ($0.key, $0.value.canonical) }))
        }
    }
}

// MARK: - Literals, so tests and callers can write JSON inline.

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// Dictionary literals keep their written order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { (key: $0.0, value: $0.1) }))
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// Members in their written order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements.map { (key: $0.0, value: $0.1) })
    }
}

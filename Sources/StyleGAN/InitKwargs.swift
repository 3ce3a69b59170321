import Foundation

/// A constructor argument in a model's `init_kwargs` that is missing, mistyped or unsupported.
public struct InitKwargsError: Error, CustomStringConvertible {
    /// The dotted path of the field, e.g. `init_kwargs.mapping_kwargs.num_layers`.
    public let field: String
    public let reason: String
    public var description: String { "\(field): \(reason)" }
}

/// Typed reads of one JSON object of constructor arguments, with the NVlabs default for anything
/// absent. Every key read is remembered, so `rejectUnread()` can refuse arguments this engine
/// would otherwise silently ignore (which would compute a different network).
struct InitKwargs {
    let path: String
    private let values: [String: Any]
    private var read: Set<String> = []

    init(_ values: [String: Any], path: String) {
        self.values = values
        self.path = path
    }

    private func fail(_ key: String, _ reason: String) -> InitKwargsError {
        InitKwargsError(field: "\(path).\(key)", reason: reason)
    }

    /// True when the key is absent or JSON null (Python None).
    func isNone(_ key: String) -> Bool { values[key] == nil || values[key] is NSNull }

    mutating func int(_ key: String, default fallback: Int? = nil, atLeast minimum: Int = 0) throws -> Int {
        read.insert(key)
        guard let raw = values[key], !(raw is NSNull) else {
            guard let fallback else { throw fail(key, "is required (an integer)") }
            return fallback
        }
        guard let number = jsonNumber(raw), let value = Int(exactly: number.doubleValue) else {
            throw fail(key, "must be an integer, got \(raw)")
        }
        guard value >= minimum, value <= 1 << 20 else {
            throw fail(key, "must be between \(minimum) and \(1 << 20), got \(value)")
        }
        return value
    }

    /// A number, or nil when given as None (or absent with a nil default).
    mutating func optionalFloat(_ key: String, default fallback: Float?) throws -> Float? {
        read.insert(key)
        guard let raw = values[key] else { return fallback }
        if raw is NSNull { return nil }
        guard let number = jsonNumber(raw), number.doubleValue.isFinite else {
            throw fail(key, "must be a number or null, got \(raw)")
        }
        return number.floatValue
    }

    mutating func float(_ key: String, default fallback: Float) throws -> Float {
        guard let value = try optionalFloat(key, default: fallback) else {
            throw fail(key, "must be a number, got null")
        }
        return value
    }

    mutating func bool(_ key: String, default fallback: Bool) throws -> Bool {
        read.insert(key)
        guard let raw = values[key], !(raw is NSNull) else { return fallback }
        guard let number = raw as? NSNumber, String(cString: number.objCType) == "c" else {
            throw fail(key, "must be true or false, got \(raw)")
        }
        return number.boolValue
    }

    mutating func string(_ key: String, default fallback: String, allowed: [String]) throws -> String {
        read.insert(key)
        guard let raw = values[key], !(raw is NSNull) else { return fallback }
        guard let value = raw as? String, allowed.contains(value) else {
            throw fail(key, "must be one of \(allowed.joined(separator: ", ")), got \(raw)")
        }
        return value
    }

    mutating func floatList(_ key: String, default fallback: [Float]) throws -> [Float] {
        read.insert(key)
        guard let raw = values[key], !(raw is NSNull) else { return fallback }
        guard let items = raw as? [Any], !items.isEmpty, items.count <= 64 else {
            throw fail(key, "must be a non-empty list of numbers (a 1-D filter), got \(raw)")
        }
        return try items.map { item in
            guard let number = jsonNumber(item), number.doubleValue.isFinite else {
                throw fail(key, "must be a list of numbers (a 1-D filter), got \(raw)")
            }
            return number.floatValue
        }
    }

    /// A list of `count` integers, each at least `minimum`, such as `init_res`.
    mutating func intList(_ key: String, count: Int, default fallback: [Int], atLeast minimum: Int) throws -> [Int] {
        read.insert(key)
        guard let raw = values[key], !(raw is NSNull) else { return fallback }
        let items = (raw as? [Any])?.compactMap { jsonNumber($0).flatMap { Int(exactly: $0.doubleValue) } }
        guard let items, items.count == count, (raw as? [Any])?.count == count,
              items.allSatisfy({ $0 >= minimum && $0 <= 1 << 20 }) else {
            throw fail(key, "must be a list of \(count) integers between \(minimum) and \(1 << 20), got \(raw)")
        }
        return items
    }

    /// A nested object such as `mapping_kwargs`; absent means empty.
    mutating func object(_ key: String) throws -> InitKwargs {
        read.insert(key)
        guard let raw = values[key], !(raw is NSNull) else { return InitKwargs([:], path: "\(path).\(key)") }
        guard let nested = raw as? [String: Any] else { throw fail(key, "must be an object, got \(raw)") }
        return InitKwargs(nested, path: "\(path).\(key)")
    }

    /// Marks keys that only matter for training or GPU speed, so they are accepted but unused.
    mutating func ignore(_ keys: [String]) { read.formUnion(keys) }

    func rejectUnread() throws {
        if let unknown = values.keys.filter({ !read.contains($0) }).sorted().first {
            throw fail(unknown, "is not a constructor argument this engine knows; it would change the network, so the model is refused")
        }
    }
}

/// A JSON number that is not a boolean (Foundation hands both back as NSNumber, and on Linux
/// `1 is Bool` holds, so booleans are told apart by their `char` encoding).
func jsonNumber(_ value: Any) -> NSNumber? {
    guard let number = value as? NSNumber, String(cString: number.objCType) != "c" else { return nil }
    return number
}

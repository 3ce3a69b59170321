import StyleCastIO

/// Typed reads of one JSON object of constructor arguments (`init_kwargs`, or an object nested
/// in it), with the NVlabs default for anything absent or None (`null`). Every key read is
/// remembered, so `rejectUnread()` can refuse arguments this engine would otherwise silently
/// ignore (which would compute a different network). Errors are `JSONContentError`s naming the
/// field (`init_kwargs.mapping_kwargs.num_layers`; in a training config `generator.…`, at its
/// line and column).
struct InitKwargs {
    let field: JSONField
    private var read: Set<String> = []

    init(_ field: JSONField) throws {
        _ = try field.members() // an object, or an error naming the field
        self.field = field
    }

    /// An error about the argument `key`.
    func error(_ key: String, _ reason: String) -> JSONContentError { field[key].error(reason) }

    /// The argument `key` (null when absent), remembered as read.
    private mutating func take(_ key: String) -> JSONField {
        read.insert(key)
        return field[key]
    }

    mutating func int(_ key: String, default fallback: Int? = nil, atLeast minimum: Int = 0) throws -> Int {
        let argument = take(key)
        guard !argument.value.isNull else {
            guard let fallback else { throw argument.error("is required (an integer)") }
            return fallback
        }
        return try argument.int(in: minimum...(1 << 20))
    }

    /// A number of at least `minimum`, or nil when given as None (or absent with a nil default).
    mutating func optionalDouble(_ key: String, default fallback: Double?, atLeast minimum: Double = -.greatestFiniteMagnitude) throws -> Double? {
        let argument = take(key)
        guard field.value[key] != nil else { return fallback }
        if argument.value.isNull { return nil }
        let value = try argument.number()
        try argument.check(value >= minimum, "must be \(minimum) or more (or null), not \(argument.value.brief)")
        return value
    }

    mutating func double(_ key: String, default fallback: Double, atLeast minimum: Double = -.greatestFiniteMagnitude) throws -> Double {
        guard let value = try optionalDouble(key, default: fallback, atLeast: minimum) else {
            throw error(key, "must be a number, not null")
        }
        return value
    }

    mutating func optionalFloat(_ key: String, default fallback: Float?, atLeast minimum: Double = -.greatestFiniteMagnitude) throws -> Float? {
        try optionalDouble(key, default: fallback.map(Double.init), atLeast: minimum).map(Float.init)
    }

    mutating func float(_ key: String, default fallback: Float) throws -> Float {
        Float(try double(key, default: Double(fallback)))
    }

    mutating func bool(_ key: String, default fallback: Bool) throws -> Bool {
        let argument = take(key)
        return argument.value.isNull ? fallback : try argument.bool()
    }

    /// One of the named choices, such as `architecture`.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, default fallback: Choice) throws -> Choice
        where Choice.RawValue == String {
        let argument = take(key)
        return argument.value.isNull ? fallback : try argument.oneOf(Choice.self)
    }

    /// A 1-D filter such as `resample_filter`.
    mutating func floatList(_ key: String, default fallback: [Float]) throws -> [Float] {
        let argument = take(key)
        guard !argument.value.isNull else { return fallback }
        let items = try argument.elements()
        try argument.check(!items.isEmpty && items.count <= 64, "must be a list of 1 to 64 numbers (a 1-D filter), not \(argument.value.brief)")
        return try items.map { Float(try $0.number()) }
    }

    /// A list of `count` integers, each at least `minimum`, such as `init_res`.
    mutating func intList(_ key: String, count: Int, default fallback: [Int], atLeast minimum: Int) throws -> [Int] {
        let argument = take(key)
        guard !argument.value.isNull else { return fallback }
        let range = minimum...(1 << 20)
        let items = argument.value.arrayValue?.compactMap(\.intValue).filter(range.contains)
        guard let items, items.count == count, argument.value.arrayValue?.count == count else {
            throw argument.error("must be a list of \(count) integers from \(range.lowerBound) to \(range.upperBound), not \(argument.value)")
        }
        return items
    }

    /// A nested object such as `mapping_kwargs`; absent means empty.
    mutating func object(_ key: String) throws -> InitKwargs {
        let argument = take(key)
        return try InitKwargs(argument.value.isNull ? argument.with(.object(JSONObject())) : argument)
    }

    /// Marks keys that only matter for training or GPU speed, so they are accepted but unused.
    mutating func ignore(_ keys: some Sequence<String>) { read.formUnion(keys) }

    func rejectUnread(_ reason: String = "is not a constructor argument this engine knows; it would change the network, so the model is refused") throws {
        try field.rejectUnknownKeys(read, reason: reason)
    }
}

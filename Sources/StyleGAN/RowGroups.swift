import StyleCastIO

/// Which w rows of a StyleCast-trained model carry which attribute group (its `stylecast_rows`
/// metadata). A style mix that takes a group's rows from another latent changes exactly that
/// group of the rendered attributes; every row belongs to one group.
public struct RowGroups: Sendable, Equatable {
    public var shape: [Int]
    public var headTurn: [Int]?
    public var expression: [Int]?
    public var colours: [Int]

    public init(shape: [Int], headTurn: [Int]? = nil, expression: [Int]? = nil, colours: [Int]) {
        self.shape = shape
        self.headTurn = headTurn
        self.expression = expression
        self.colours = colours
    }

    /// The groups that are present, in a fixed order.
    public var groups: [(name: String, rows: [Int])] {
        var list: [(String, [Int])] = [("shape", shape)]
        if let headTurn { list.append(("headTurn", headTurn)) }
        if let expression { list.append(("expression", expression)) }
        list.append(("colours", colours))
        return list
    }

    /// The groups a style mix of `rows` changes, in `groups` order, when `rows` are exactly the
    /// rows of whole groups; nil when a group is only partly among them or a row is in no group
    /// (such a mix changes part of a group, which means nothing in attributes). Both the cast,
    /// which gives the face the sprite mixes' groups, and the cast evaluation read mixes here.
    public func wholeGroups(in rows: [Int]) -> [String]? {
        let wanted = Set(rows)
        var covered: [String] = [], seen: Set<Int> = []
        for (name, list) in groups where !list.isEmpty {
            let inside = list.filter(wanted.contains)
            guard inside.isEmpty || inside.count == list.count else { return nil }
            if !inside.isEmpty { covered.append(name) }
            seen.formUnion(list)
        }
        return wanted.isSubset(of: seen) ? covered : nil
    }

    /// The rows of the named groups, sorted; groups this model lacks have none.
    public func rows(ofGroups names: [String]) -> [Int] {
        Set(groups.filter { names.contains($0.name) }.flatMap(\.rows)).sorted()
    }

    /// The metadata key of a model file that records its row groups.
    public static let metadataKey = "stylecast_rows"

    /// `{"shape": [0, 1], "colours": [2, 3]}`, the groups that are present.
    public var json: JSONValue {
        .object(JSONObject(groups.map { ($0.name, .array($0.rows.map { .number($0) })) }))
    }

    /// Reads a row list such as a training config's `rows`: `shape` and `colours` required,
    /// `headTurn` and `expression` optional, each a list of w rows.
    public init(_ field: JSONField) throws {
        try field.rejectUnknownKeys(["shape", "headTurn", "expression", "colours"])
        func rows(_ member: JSONField) throws -> [Int] { try member.elements().map { try $0.int(in: 0...Int.max) } }
        shape = try rows(field.member("shape", "the w rows of the silhouette, e.g. [0, 1, 2]"))
        headTurn = try field.optionalMember("headTurn").map(rows)
        expression = try field.optionalMember("expression").map(rows)
        colours = try rows(field.member("colours", "the w rows of the colours, e.g. [3, 4]"))
    }

    /// The JSON kept in a trained model's `stylecast_rows` metadata (sorted keys, compact).
    public func metadataJSON() throws -> String {
        String(decoding: JSONWriter.compact(json.canonical), as: UTF8.self)
    }

    /// The row groups a model file records (nil when it records none), each row checked
    /// against the model's `numWs`. The one reader of `stylecast_rows`: evaluation, presets and
    /// the cast all come here.
    public static func recorded(in file: SafeTensorsFile, numWs: Int) throws -> RowGroups? {
        guard let text = file.metadata[metadataKey] else { return nil }
        let field = "__metadata__.\(metadataKey)"
        let groups: RowGroups
        do {
            groups = try RowGroups(JSONField(JSONDocument(parsing: text, name: field).root, file: "", name: field))
        } catch let error as StyleCastError {
            throw ModelFileError(subject: file.path, reason: "\(field) is not a row list like {\"shape\": [0, 1], \"colours\": [2, 3]} "
                                 + "(shape and colours required; headTurn and expression optional): \(error)")
        }
        for (name, list) in groups.groups {
            if let outside = list.first(where: { !(0..<numWs).contains($0) }) {
                throw ModelFileError(subject: file.path, reason: "\(field) '\(name)' names row \(outside), but the model has rows 0...\(numWs - 1)")
            }
        }
        return groups
    }
}

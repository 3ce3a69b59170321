import StyleCastIO

/// The database fields of an actor that a manifest (or the command line) may set. Nil leaves
/// the actor's current value alone (or the editor's default for a new actor).
public struct ActorFields: Equatable, Sendable {
    public var name: String?
    public var nickname: String?
    public var profile: String?
    public var classId: Int?
    public var initialLevel: Int?
    public var maxLevel: Int?
    public var note: String?

    public init(name: String? = nil, nickname: String? = nil, profile: String? = nil, classId: Int? = nil,
                initialLevel: Int? = nil, maxLevel: Int? = nil, note: String? = nil) {
        self.name = name
        self.nickname = nickname
        self.profile = profile
        self.classId = classId
        self.initialLevel = initialLevel
        self.maxLevel = maxLevel
        self.note = note
    }

    /// RPG Maker's editor caps levels at 99.
    public static let highestLevel = 99

    /// Rejects values the editor would not accept, naming the field.
    public func validate() throws {
        if let name, SafeFileName.isBlank(name) {
            throw ProjectError(subject: "name", reason: "is empty or only invisible characters; give the actor a name with letters or digits")
        }
        if let classId, classId < 1 {
            throw ProjectError(subject: "classId", reason: "must be 1 or more (a class id from data/Classes.json), not \(classId)")
        }
        for (field, level) in [("initialLevel", initialLevel), ("maxLevel", maxLevel)] {
            if let level, !(1...Self.highestLevel).contains(level) {
                throw ProjectError(subject: field, reason: "must be between 1 and \(Self.highestLevel), not \(level)")
            }
        }
        if let initialLevel, let maxLevel, initialLevel > maxLevel {
            throw ProjectError(subject: "initialLevel", reason: "\(initialLevel) is above maxLevel \(maxLevel)")
        }
    }

    /// The fields that are set, as JSON members in the editor's key order.
    var members: [(key: String, value: JSONValue)] {
        var out: [(key: String, value: JSONValue)] = []
        if let classId { out.append(("classId", .number(classId))) }
        if let initialLevel { out.append(("initialLevel", .number(initialLevel))) }
        if let maxLevel { out.append(("maxLevel", .number(maxLevel))) }
        if let name { out.append(("name", .string(name))) }
        if let nickname { out.append(("nickname", .string(nickname))) }
        if let note { out.append(("note", .string(note))) }
        if let profile { out.append(("profile", .string(profile))) }
        return out
    }
}

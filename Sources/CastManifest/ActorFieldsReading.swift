import StyleCastProject

/// `"actor"`: the database fields a character's actor gets, checked as RPG Maker's editor
/// checks them (class id 1 or more, levels 1-99, initial level not above the maximum).
extension ManifestReader {
    static let actorKeys = ["nickname", "profile", "classId", "initialLevel", "maxLevel", "note"]

    /// Reads `field` (absent: nothing) over `base`; nil when something in it is wrong.
    mutating func actorFields(_ field: Field?, name: String?, over base: ActorFields) -> ActorFields? {
        var fields = base
        fields.name = name ?? base.name
        guard let field else { return fields }
        guard let members = object(field, keys: Self.actorKeys) else { return nil }
        var valid = true
        func read<T>(_ key: String, _ read: (inout ManifestReader, Field) -> T?, into keyPath: WritableKeyPath<ActorFields, T?>) {
            guard let member = members[key] else { return }
            if let value = read(&self, member) { fields[keyPath: keyPath] = value } else { valid = false }
        }
        read("nickname", { $0.string($1) }, into: \.nickname)
        read("profile", { $0.string($1) }, into: \.profile)
        read("note", { $0.string($1) }, into: \.note)
        read("classId", { $0.int($1, in: 1...9999) }, into: \.classId)
        read("initialLevel", { $0.int($1, in: 1...ActorFields.highestLevel) }, into: \.initialLevel)
        read("maxLevel", { $0.int($1, in: 1...ActorFields.highestLevel) }, into: \.maxLevel)
        if valid, let initial = fields.initialLevel, let maximum = fields.maxLevel, initial > maximum {
            report(members["initialLevel"] ?? members["maxLevel"] ?? field,
                   "initialLevel \(initial) is above maxLevel \(maximum); lower it or raise maxLevel")
            valid = false
        }
        return valid ? fields : nil
    }
}

import Foundation
import RPGMakerFormat
import StyleCastIO

/// The art fields an exporter gives an actor: which sheet block and which face it shows.
public struct ActorArt: Equatable, Sendable {
    public var characterName: String
    public var characterIndex: Int
    public var faceName: String
    public var faceIndex: Int

    public init(characterName: String, characterIndex: Int, faceName: String, faceIndex: Int) {
        self.characterName = characterName
        self.characterIndex = characterIndex
        self.faceName = faceName
        self.faceIndex = faceIndex
    }

    /// A character with its own `$` sheet, `fileName` being already safe.
    public init(ownSheetNamed fileName: String, faceIndex: Int = 0) {
        self.init(characterName: RPGMakerLayout.singleSheetPrefix + fileName, characterIndex: 0, faceName: fileName, faceIndex: faceIndex)
    }

    /// The art this occupies, where two characters must not meet: the whole face set (a
    /// character writes all 8 faces) and its own `$` sheet or its block of a shared sheet.
    var slots: [String] {
        let sheet = sheetPath
        return [faceSetPath, characterName.hasPrefix(RPGMakerLayout.singleSheetPrefix) ? sheet : sheet + " block \(characterIndex)"]
    }

    /// Project-relative path of the sheet image `characterName` names.
    var sheetPath: String { RPGMakerExporter.charactersFolder + "/" + characterName + ".png" }
    /// Project-relative path of the face set image `faceName` names.
    var faceSetPath: String { RPGMakerExporter.facesFolder + "/" + faceName + ".png"
    }
}

/// `data/Actors.json`: `[null, actor 1, actor 2, ...]`, each actor's `id` equal to its index.
/// Merging touches only the fields StyleCast owns; every other actor and every other field,
/// known or not, keeps its value and its place. The file is edited in place
/// (`JSONSourceText`), so whatever is untouched keeps its exact text and the file its layout.
public struct ActorsTable: Equatable, Sendable {
    public static let relativePath = "data/Actors.json"

    /// The actors as they will be written.
    public private(set) var root: JSONValue
    /// The file as read, which the written file is an edit of.
    private let source: JSONSourceText
    private let file: String

    /// Parses and checks the shape RPG Maker relies on; `file` names the file in errors.
    public init(parsing bytes: [UInt8], file: String) throws {
        try self.init(LocatedJSON(parsing: bytes, name: file))
    }

    public init(contentsOfFile path: String) throws {
        try self.init(LocatedJSON(contentsOfFile: path))
    }

    /// Checks the shape with the file's `line:column` in every error.
    private init(_ json: LocatedJSON) throws {
        Self.parses.increment()
        let table = JSONField(json)
        guard json.root.arrayValue?.isEmpty == false else { throw table.error("must be an array [null, {actor 1}, ...]") }
        let elements = try table.elements()
        try elements[0].check(elements[0].value.isNull, "must be null (RPG Maker databases start with null)")
        for (index, element) in elements.enumerated().dropFirst() {
            try element.check(element.value.objectValue != nil, "must be an actor object")
            try element["id"].check(element.value["id"]?.intValue == index, "must be \(index) (ids count up from 1 with no gaps)")
        }
        source = JSONSourceText(json)
        root = source.root
        file = json.file
    }

    /// How many tables this process has parsed: a seam for tests that check that a run parses
    /// `data/Actors.json` once.
    static let parses = Counter()

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var value: Int { lock.withLock { count } }
        func increment() { lock.withLock { count += 1 } }
    }

    /// The file's bytes: the file as read, with the merged actors' changes written into it.
    public func serialized() -> [UInt8] { source.text(for: root) }

    private var elements: [JSONValue] { root.arrayValue ?? [] }

    /// The id a new actor gets.
    public var nextID: Int { max(1, elements.count) }

    public func actor(id: Int) -> JSONObject? {
        guard id >= 1, id < elements.count else { return nil }
        return elements[id].objectValue
    }

    /// The first actor that already shows this sheet block: the one a re-export should update.
    public func actorID(showing characterName: String, characterIndex: Int) -> Int? {
        (1..<max(1, elements.count)).first { id in
            let actor = elements[id]
            return actor["characterName"]?.stringValue == characterName && actor["characterIndex"]?.intValue == characterIndex
        }
    }

    /// Refuses to give `art` to a character named `name` when an actor other than `id` shows a
    /// file of it (`ActorArt.slots`, compared by `SafeFileName.clashKey`) under another name:
    /// that is another character (`$x` and `!x`, `ß` and `SS` make one file name), whose sheet
    /// and face set the export would overwrite and whose actor it would rename. An actor without
    /// a name is nobody's yet.
    public func checkNotTakingOver(_ art: ActorArt, as name: String, id: Int?) throws {
        let ours = Set(art.slots.map(SafeFileName.clashKey))
        for candidate in 1..<max(1, elements.count) where candidate != id {
            guard let actor = elements[candidate].objectValue else { continue }
            let theirs = ActorArt(characterName: actor["characterName"]?.stringValue ?? "",
                                  characterIndex: actor["characterIndex"]?.intValue ?? 0,
                                  faceName: actor["faceName"]?.stringValue ?? "", faceIndex: actor["faceIndex"]?.intValue ?? 0)
            let theirName = actor["name"]?.stringValue ?? ""
            guard theirName != name, !SafeFileName.isBlank(theirName), !ours.isDisjoint(with: theirs.slots.map(SafeFileName.clashKey)) else { continue }
            throw ProjectError(subject: name, reason: "would write \(art.slots.joined(separator: " and ")), the art of actor \(candidate) (\(theirName)); names that make the same file name would overwrite each other's art. Choose another name, or name actor \(candidate) (--actor-id \(candidate), or \"actorId\": \(candidate) in a manifest) to replace that character")
        }
    }

    /// The actor as the RPG Maker MV/MZ editor creates it ("New actor"), keys in its order.
    public static func newActor(id: Int) -> JSONObject {
        JSONObject([
            ("id", .number(id)), ("battlerName", ""), ("characterIndex", 0), ("characterName", ""),
            ("classId", 1), ("equips", [0, 0, 0, 0, 0]), ("faceIndex", 0), ("faceName", ""),
            ("traits", []), ("initialLevel", 1), ("maxLevel", 99), ("name", ""), ("nickname", ""),
            ("note", ""), ("profile", ""),
        ])
    }

    /// Updates actor `id` (nil: the actor already showing this art's sheet block, else a new
    /// one) and returns its id and whether it was created.
    @discardableResult
    public mutating func merge(art: ActorArt, fields: ActorFields, id requestedID: Int? = nil) throws -> (id: Int, created: Bool) {
        try fields.validate()
        let id = requestedID ?? actorID(showing: art.characterName, characterIndex: art.characterIndex) ?? nextID
        guard id >= 1, id <= nextID else {
            throw JSONContentError(file: file, field: "[\(id)]",
                                   reason: "actor id \(id) does not exist; use an id from 1 to \(nextID - 1), or \(nextID) to add a new actor")
        }
        var elements = self.elements
        let created = id == elements.count
        var actor = created ? Self.newActor(id: id) : elements[id].objectValue!
        actor["characterName"] = .string(art.characterName)
        actor["characterIndex"] = .number(art.characterIndex)
        actor["faceName"] = .string(art.faceName)
        actor["faceIndex"] = .number(art.faceIndex)
        for member in fields.members { actor[member.key] = member.value }
        if created { elements.append(.object(actor)) } else { elements[id] = .object(actor) }
        root = .array(elements)
        return (id, created)
    }
}

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
}

/// `data/Actors.json`: `[null, actor 1, actor 2, ...]`, each actor's `id` equal to its index.
/// Merging touches only the fields StyleCast owns; every other actor and every other field,
/// known or not, keeps its value and its place, so untouched parts re-serialise byte for byte.
public struct ActorsTable: Equatable, Sendable {
    public static let relativePath = "data/Actors.json"

    public private(set) var document: JSONDocument
    private let file: String

    /// Checks the shape RPG Maker relies on; `file` names the file in errors.
    public init(document: JSONDocument, file: String) throws {
        guard case let .array(elements) = document.root else {
            throw JSONContentError(file: file, field: "(top level)", reason: "must be an array [null, {actor 1}, ...]")
        }
        guard elements.first == .null else {
            throw JSONContentError(file: file, field: "[0]", reason: "must be null (RPG Maker databases start with null)")
        }
        for (index, element) in elements.enumerated().dropFirst() {
            guard let actor = element.objectValue else {
                throw JSONContentError(file: file, field: "[\(index)]", reason: "must be an actor object")
            }
            guard actor["id"]?.intValue == index else {
                throw JSONContentError(file: file, field: "[\(index)].id", reason: "must be \(index) (ids count up from 1 with no gaps)")
            }
        }
        self.document = document
        self.file = file
    }

    public init(contentsOfFile path: String) throws {
        try self.init(document: JSONDocument(contentsOfFile: path), file: path)
    }

    private var elements: [JSONValue] { document.root.arrayValue ?? [] }

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
        document.root = .array(elements)
        return (id, created)
    }
}

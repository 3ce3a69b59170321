import StyleCastIO
import StyleCastProject

/// What `templates/init/cast.json.mustache` is filled in from: the standard defaults and one
/// character per actor that a manifest can hold, in actor id order; the actors it cannot hold
/// are listed apart, each with why. Plain data; the template escapes every value as JSON text.
struct StarterManifestModel {
    let projectName: String
    let engine: String
    let truncation: String
    let projectionSteps: Int
    let faces: [String]
    let maxSeed = UInt32.max
    /// "5 and 6": the rows the face model names for expressions; nil when it names none.
    let expressionRows: String?
    /// "row 6": where expressions go without that metadata (`FaceSlot.expressionRows`).
    let fallbackRows: String
    let leftOut: [LeftOut]
    let characters: [Character]

    /// An actor the starter leaves out: it has no name, or the name of an earlier actor.
    struct LeftOut {
        let id: Int
        let name: String
        let unnamed: Bool
        /// The earlier actor with the same name.
        let sameNameAs: Int?
    }

    struct Character {
        let name: String
        /// Only when the name gives no file name of its own, or the same one as an earlier actor's.
        let fileName: String?
        let actorId: Int
        let seed: UInt32
        /// The actor's fields as a JSON object StyleCast writes itself.
        let actor: String
    }
}

extension StarterManifestModel {
    init(actors: ActorsTable, engine: Engine, projectName: String, faceExpressionRows: [Int]?) {
        self.projectName = projectName
        self.engine = engine.rawValue
        truncation = "\(ManifestDefaults.truncation)"
        projectionSteps = ManifestDefaults.projectionSteps
        faces = FaceSlot.standardExpressions
        expressionRows = faceExpressionRows.flatMap { $0.isEmpty ? nil : Self.words($0) }
        let fallback = FaceSlot.expressionRows
        fallbackRows = (fallback.count == 1 ? "row " : "rows ") + Self.words(fallback)

        var leftOut: [LeftOut] = []
        var characters: [Character] = []
        var usedNames: [String: Int] = [:]
        var usedFileNames: [String: Int] = [:]
        for id in 1..<actors.nextID {
            guard let actor = actors.actor(id: id) else { continue }
            let name = actor["name"]?.stringValue ?? ""
            guard !SafeFileName.isBlank(name) else {
                leftOut.append(LeftOut(id: id, name: name, unnamed: true, sameNameAs: nil))
                continue
            }
            if let other = usedNames[name] {
                leftOut.append(LeftOut(id: id, name: name, unnamed: false, sameNameAs: other))
                continue
            }
            usedNames[name] = id
            let safe = try? SafeFileName.make(from: name)
            let clashes = safe.map { usedFileNames[SafeFileName.clashKey($0)] != nil } ?? true
            usedFileNames[SafeFileName.clashKey(safe ?? "Actor\(id)")] = id
            characters.append(Character(name: name, fileName: clashes ? "Actor\(id)" : nil, actorId: id,
                                        seed: StarterManifest.seed(forActor: id), actor: Self.actorFields(actor)))
        }
        self.leftOut = leftOut
        self.characters = characters
    }

    /// [5, 6] -> "5 and 6"; [1, 5, 6] -> "1, 5 and 6".
    static func words(_ rows: [Int]) -> String {
        rows.count == 1 ? "\(rows[0])" : rows.dropLast().map(String.init).joined(separator: ", ") + " and \(rows.last!)"
    }

    /// The actor's nickname, profile, class and levels as they are, leaving out values the
    /// manifest would refuse (so the starter always loads).
    private static func actorFields(_ actor: JSONObject) -> String {
        var members: [String] = []
        for key in ["nickname", "profile"] {
            if let text = actor[key]?.stringValue { members.append("\(quoted(key)): \(quoted(text))") }
        }
        if let classId = actor["classId"]?.intValue, (1...9999).contains(classId) {
            members.append("\"classId\": \(classId)")
        }
        let levels = (1...ActorFields.highestLevel)
        if let initial = actor["initialLevel"]?.intValue, let maximum = actor["maxLevel"]?.intValue,
           levels.contains(initial), levels.contains(maximum), initial <= maximum {
            members += ["\"initialLevel\": \(initial)", "\"maxLevel\": \(maximum)"]
        }
        return "{" + members.joined(separator: ", ") + "}"
    }

    private static func quoted(_ text: String) -> String {
        String(decoding: JSONWriter.compact(.string(text)), as: UTF8.self)
    }
}

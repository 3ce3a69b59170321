import StyleCastIO
import StyleCastProject

/// One character of a cast: how to make its latent, its walk sheet and face set, and its actor.
public struct CharacterSpec: Equatable, Sendable {
    /// The display name, which is also the actor's name.
    public var name: String
    /// The image files' name (without `$` or `.png`): given, or made safe from `name`.
    public var fileName: String
    /// The actor to update; nil appends a new actor.
    public var actorID: Int?
    /// The seed of the character's own latent.
    public var seed: UInt32
    public var truncation: Double
    public var projectionSteps: Int
    /// Mixes applied, in order, to the latent of the walk sheet.
    public var spriteMixes: [LatentMix]
    /// Mixes applied, in order, to the latent of the face set (before each slot's expression).
    public var faceMixes: [LatentMix]
    /// Exactly 8, in `faceIndex` order.
    public var faceSlots: [FaceSlot]
    /// The actor's database fields (`name` always set).
    public var actor: ActorFields
    /// Where the character's entry starts.
    public let position: SourcePosition

    static let keys = ["name", "fileName", "actorId", "seed", "truncation", "projectionSteps",
                       "spriteMixes", "faceMixes", "faces", "actor"]
}

/// What must differ between two characters of one cast.
struct CharacterIdentity {
    let name: String
    let fileName: String
    let actorID: Int?
}

extension ManifestReader {
    /// The character, or nil when something in it is wrong; its identity whenever the name,
    /// file name and actor id themselves are fine, so clashes are found even then.
    mutating func character(_ field: Field, defaults: ManifestDefaults) -> (identity: CharacterIdentity?, spec: CharacterSpec?) {
        guard let members = object(field, keys: CharacterSpec.keys) else { return (nil, nil) }
        let name = require("name", in: members, of: field, "the character's display name, also the actor's name")
            .flatMap { string($0, nonEmpty: true) }
        let seed = require("seed", in: members, of: field, "a whole number from 0 to \(UInt32.max)")
            .flatMap { int($0, in: 0...Int(UInt32.max)) }
        let fileName = fileName(members["fileName"], name: name, nameField: members["name"])
        let actorID = members["actorId"].flatMap { int($0, in: 1...9999) }
        let truncation = members["truncation"].map { number($0, in: ManifestDefaults.truncationRange) } ?? defaults.truncation
        let steps = members["projectionSteps"].map { int($0, in: ManifestDefaults.projectionStepsRange) } ?? defaults.projectionSteps
        let spriteMixes = members["spriteMixes"].map { mixes($0) } ?? []
        let faceMixes = members["faceMixes"].map { mixes($0) } ?? []
        let slots = members["faces"].map { faceSlots($0) } ?? defaults.faceSlots
        let actor = actorFields(members["actor"], name: name, over: defaults.actor)
        guard let name, let fileName, (actorID != nil) == (members["actorId"] != nil) else { return (nil, nil) }
        let identity = CharacterIdentity(name: name, fileName: fileName, actorID: actorID)
        guard let seed, let truncation, let steps, let spriteMixes, let faceMixes, let slots, let actor else { return (identity, nil) }
        return (identity, CharacterSpec(name: name, fileName: fileName, actorID: actorID, seed: UInt32(seed),
                             truncation: truncation, projectionSteps: steps, spriteMixes: spriteMixes,
                             faceMixes: faceMixes, faceSlots: slots, actor: actor, position: position(of: field)))
    }

    /// The given file name, which must already be safe, or the safe form of the name.
    private mutating func fileName(_ field: Field?, name: String?, nameField: Field?) -> String? {
        guard let field else {
            guard let name, let nameField else { return nil }
            do { return try SafeFileName.make(from: name) } catch {
                report(nameField, "gives no usable file name; add \"fileName\" with letters or digits")
                return nil
            }
        }
        guard let given = string(field, nonEmpty: true) else { return nil }
        let safe = try? SafeFileName.make(from: given)
        guard safe == given else {
            report(field, "'\(given)' is not a safe file name on every system games ship to"
                   + (safe.map { "; use '\($0)'" } ?? "; use letters and digits"))
            return nil
        }
        return given
    }
}

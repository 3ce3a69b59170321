import StyleCastIO
import StyleCastProject

/// A model file (or the presets index) a manifest uses.
public enum ModelLocation: Equatable, Sendable {
    /// A file that ships with StyleCast, relative to its install (`models/sprite.safetensors`).
    case shipped(String)
    /// A file the manifest names (a converted model of one's own), as an absolute path.
    case file(String)
}

/// The sprite model, the face model and the presets index a cast is made with.
public struct ModelChoice: Equatable, Sendable {
    public var sprite: ModelLocation
    public var face: ModelLocation
    public var presets: ModelLocation

    public static let shipped = ModelChoice(sprite: .shipped("models/sprite.safetensors"),
                                            face: .shipped("models/face.safetensors"),
                                            presets: .shipped("models/presets/index.json"))
}

/// `"defaults"`: what every character gets unless it says otherwise.
public struct ManifestDefaults: Equatable, Sendable {
    public var models: ModelChoice
    /// Truncation psi: 1 samples the whole latent space, lower values pull toward the average.
    public var truncation: Double
    /// Optimisation steps of each projection: the head crop into the face model, and images
    /// that mixes project. The cast pipeline's default (the official projector takes 1000 from
    /// the average w; the cast's face projection starts at the seed's own face).
    public var projectionSteps: Int
    public var faceSlots: [FaceSlot]
    /// Actor fields every character starts from (the character's own fields win).
    public var actor: ActorFields
    /// A folder of one's own templates (laid out like StyleCast's `templates/`, holding only
    /// those it changes), as an absolute path; nil for the shipped ones.
    public var templates: String?

    public static let truncation = 0.7
    public static let projectionSteps = 200
    static let truncationRange = 0.0...1.0
    static let projectionStepsRange = 1...100_000
    static let keys = ["models", "truncation", "projectionSteps", "faces", "actor", "templates"]

    public static func standard(at position: SourcePosition) -> ManifestDefaults {
        ManifestDefaults(models: .shipped, truncation: truncation, projectionSteps: projectionSteps,
                         faceSlots: FaceSlot.standardSet(at: position), actor: ActorFields())
    }
}

extension ManifestReader {
    /// `"defaults"` when present, else the built-in ones.
    mutating func defaults(_ field: Field?, root: Field) -> ManifestDefaults {
        var defaults = ManifestDefaults.standard(at: position(of: field ?? root))
        guard let field, let members = object(field, keys: ManifestDefaults.keys) else { return defaults }
        if let models = members["models"] { defaults.models = modelChoice(models) }
        if let truncation = members["truncation"].flatMap({ number($0, in: ManifestDefaults.truncationRange) }) {
            defaults.truncation = truncation
        }
        if let steps = members["projectionSteps"].flatMap({ int($0, in: ManifestDefaults.projectionStepsRange) }) {
            defaults.projectionSteps = steps
        }
        if let slots = members["faces"].flatMap({ faceSlots($0) }) { defaults.faceSlots = slots }
        if let actor = members["actor"].flatMap({ actorFields($0, name: nil, over: ActorFields()) }) { defaults.actor = actor }
        if let templates = members["templates"] { defaults.templates = existingFile(templates, kind: "templates folder", folder: true) }
        return defaults
    }

    private mutating func modelChoice(_ field: Field) -> ModelChoice {
        var choice = ModelChoice.shipped
        guard let members = object(field, keys: ["sprite", "face", "presets"]) else { return choice }
        if let path = members["sprite"].flatMap({ existingFile($0, kind: "sprite model") }) { choice.sprite = .file(path) }
        if let path = members["face"].flatMap({ existingFile($0, kind: "face model") }) { choice.face = .file(path) }
        if let path = members["presets"].flatMap({ existingFile($0, kind: "presets index") }) { choice.presets = .file(path) }
        return choice
    }
}

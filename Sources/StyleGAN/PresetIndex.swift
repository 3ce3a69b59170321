import Foundation
import StyleCastIO

/// Which of the two models a latent belongs to.
public enum CastModelRole: String, Sendable, CaseIterable {
    case sprite
    case face
}

/// One named latent of the presets index: a role (`heroine`, `villain`...) or an expression
/// (`happy`...), saved as float32 `[1, num_ws, w_dim]` for one model.
public struct Preset: Equatable, Sendable {
    public var name: String
    /// What it is for: "role", "expression", "head-turn"... (informative; any face preset can
    /// fill a face slot).
    public var kind: String
    public var model: CastModelRole
    /// Absolute path of the `.npy`.
    public var file: String
    /// The rows the preset was made for (a hint for manifest authors; a mix names its own rows).
    public var rows: [Int]
    /// How it was made (informative).
    public var made: String

    public init(name: String, kind: String, model: CastModelRole, file: String, rows: [Int], made: String = "") {
        self.name = name
        self.kind = kind
        self.model = model
        self.file = file
        self.rows = rows
        self.made = made
    }
}

/// `models/presets/index.json` (format `stylecast-presets/1`): the named latents mixes and face
/// slots refer to, per model. Its one reader and one writer (`stylecast presets` and the
/// stand-in models both write through `write`).
public struct PresetIndex: Equatable, Sendable {
    public static let format = "stylecast-presets/1"

    public let path: String
    public let presets: [Preset]

    public init(path: String, presets: [Preset]) {
        self.path = path
        self.presets = presets
    }

    /// The preset `name` for `model`, if the index has one.
    public func preset(_ name: String, for model: CastModelRole) -> Preset? {
        presets.first { $0.name == name && $0.model == model }
    }

    /// Names of the presets for `model`.
    public func names(for model: CastModelRole) -> [String] {
        presets.filter { $0.model == model }.map(\.name).sorted()
    }

    /// Reads and checks the index; every `.npy` it names must exist (relative paths start at
    /// the index's folder). Errors name the index and the entry.
    public init(contentsOfFile path: String) throws {
        let root = JSONField(try LocatedJSON(contentsOfFile: path))
        let format = try root.member("format", "\"\(Self.format)\"")
        try format.check(format.value.stringValue == Self.format, "must be \"\(Self.format)\"; this StyleCast reads no other presets format")
        let entries = try root.member("presets", "the list of presets").elements()
        let folder = (path as NSString).deletingLastPathComponent
        var presets: [Preset] = []
        for entry in entries {
            let nameField = try entry.member("name", "what manifests call the preset")
            let name = try nameField.string()
            try nameField.check(!name.isEmpty, "must be a non-empty string")
            let kindField = try entry.member("kind", "what the preset is for, e.g. \"role\" or \"expression\"")
            let kind = try kindField.string()
            try kindField.check(!kind.isEmpty, "must name what the preset is for, e.g. \"role\" or \"expression\"")
            let model = try entry.member("model", "\"sprite\" or \"face\"").oneOf(CastModelRole.self)
            let fileField = try entry.member("file", "the preset's .npy latent")
            let file = try fileField.string()
            try fileField.check(file.lowercased().hasSuffix(".npy"), "must name a .npy latent")
            let rows = try entry.member("rows", "the w rows the preset was made for").elements().map { try $0.int(in: 0...Int.max) }
            let absolute = file.hasPrefix("/") ? file : folder + "/" + file
            try fileField.check(FileManager.default.fileExists(atPath: absolute), "'\(absolute)' does not exist")
            try nameField.check(!presets.contains { $0.name == name && $0.model == model },
                                "'\(name)' is listed twice for the \(model.rawValue) model")
            presets.append(Preset(name: name, kind: kind, model: model, file: absolute, rows: rows,
                                  made: try entry.optionalMember("made")?.string() ?? ""))
        }
        self.path = path
        self.presets = presets
    }

    /// Writes `presets` as the index at `path`: one preset per line, keys in a fixed order, so
    /// the same presets give the same bytes. Files inside the index's folder are written
    /// relative to it.
    public static func write(_ presets: [Preset], to path: String, durability: AtomicFile.Durability = .synced) throws {
        let folder = (path as NSString).deletingLastPathComponent + "/"
        var text = "{\n  \"format\": \"\(format)\",\n  \"presets\": [\n"
        for (number, preset) in presets.enumerated() {
            let file = preset.file.hasPrefix(folder) ? String(preset.file.dropFirst(folder.count)) : preset.file
            let object = JSONValue.object(JSONObject([
                ("name", .string(preset.name)), ("kind", .string(preset.kind)), ("model", .string(preset.model.rawValue)),
                ("file", .string(file)), ("rows", .array(preset.rows.map { .number($0) })), ("made", .string(preset.made)),
            ]))
            text += "    " + String(decoding: JSONWriter.compact(object), as: UTF8.self)
            text += number == presets.count - 1 ? "\n" : ",\n"
        }
        try AtomicFile.write(Array((text + "  ]\n}\n").utf8), to: path, durability: durability)
    }
}

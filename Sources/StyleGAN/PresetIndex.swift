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
        let document = try JSONDocument(contentsOfFile: path)
        func fail(_ field: String, _ reason: String) -> JSONContentError {
            JSONContentError(file: path, field: field, reason: reason)
        }
        guard document.root["format"]?.stringValue == Self.format else {
            throw fail("format", "must be \"\(Self.format)\"; this StyleCast reads no other presets format")
        }
        guard let entries = document.root["presets"]?.arrayValue else {
            throw fail("presets", "must be a list of {\"name\", \"kind\", \"model\", \"file\", \"rows\"}")
        }
        let folder = (path as NSString).deletingLastPathComponent
        var presets: [Preset] = []
        for (index, entry) in entries.enumerated() {
            let field = "presets[\(index)]"
            guard let name = entry["name"]?.stringValue, !name.isEmpty else { throw fail("\(field).name", "must be a non-empty string") }
            guard let kind = entry["kind"]?.stringValue, !kind.isEmpty else {
                throw fail("\(field).kind", "must name what the preset is for, e.g. \"role\" or \"expression\"")
            }
            guard let model = entry["model"]?.stringValue.flatMap(CastModelRole.init(rawValue:)) else {
                throw fail("\(field).model", "must be \"sprite\" or \"face\"")
            }
            guard let file = entry["file"]?.stringValue, file.lowercased().hasSuffix(".npy") else {
                throw fail("\(field).file", "must name a .npy latent")
            }
            guard let rowValues = entry["rows"]?.arrayValue else {
                throw fail("\(field).rows", "must be a list of row numbers")
            }
            let rows = rowValues.compactMap { $0.intValue }.filter { $0 >= 0 }
            guard rows.count == rowValues.count else { throw fail("\(field).rows", "must hold only whole numbers 0 or more") }
            let absolute = file.hasPrefix("/") ? file : folder + "/" + file
            guard FileManager.default.fileExists(atPath: absolute) else {
                throw fail("\(field).file", "'\(absolute)' does not exist")
            }
            if presets.contains(where: { $0.name == name && $0.model == model }) {
                throw fail("\(field).name", "'\(name)' is listed twice for the \(model.rawValue) model")
            }
            presets.append(Preset(name: name, kind: kind, model: model, file: absolute, rows: rows,
                                  made: entry["made"]?.stringValue ?? ""))
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

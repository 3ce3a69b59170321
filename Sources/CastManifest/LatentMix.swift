import StyleCastIO

/// Where a mixed-in latent comes from: `"from": "preset:villain" | "seed:42" |
/// "latent:hero.npy" | "image:ref.png"`.
public enum LatentSource: Equatable, Sendable {
    /// A named latent from the presets index (`models/presets/index.json` by default).
    case preset(String)
    /// The latent the model's mapping network gives this seed.
    case seed(UInt32)
    /// A saved latent: an `.npy` of w (absolute path).
    case latent(path: String)
    /// A reference picture, projected into the model's latent space (absolute path).
    case image(path: String)

    static let kinds = ["preset", "seed", "latent", "image"]
}

/// How a mixed-in latent combines with the character's own on its rows.
public enum MixMode: Equatable, Sendable {
    /// The rows are taken over (style mixing).
    case replace
    /// The rows move this far (above 0, at most 1) toward the mixed-in latent.
    case weight(Double)
}

/// One style mix: `{"from": ..., "rows": "0-3", "mode": "replace" | {"weight": 0.5}}`.
public struct LatentMix: Equatable, Sendable {
    public var source: LatentSource
    public var rows: RowList
    public var mode: MixMode
    /// Where `from` is written, for problems found later (an unknown preset, a latent of the
    /// wrong shape).
    public let sourcePosition: SourcePosition

    public init(source: LatentSource, rows: RowList, mode: MixMode = .replace, sourcePosition: SourcePosition) {
        self.source = source
        self.rows = rows
        self.mode = mode
        self.sourcePosition = sourcePosition
    }
}

extension ManifestReader {
    mutating func mixes(_ field: Field) -> [LatentMix]? {
        guard let elements = array(field) else { return nil }
        let mixes = elements.map { mix($0) }
        return mixes.contains(nil) ? nil : mixes.compactMap { $0 }
    }

    mutating func mix(_ field: Field) -> LatentMix? {
        guard let members = object(field, keys: ["from", "rows", "mode"]) else { return nil }
        let from = require("from", in: members, of: field, "where the latent comes from: \"preset:NAME\", \"seed:N\", \"latent:FILE.npy\" or \"image:FILE.png\"")
        let rowsField = require("rows", in: members, of: field, "which latent rows to mix, e.g. \"0-3\" or [6]")
        let source = from.flatMap { latentSource($0) }
        let rows = rowsField.flatMap { rowList($0) }
        let mode = members["mode"].map { mixMode($0) } ?? .replace
        guard let from, let source, let rows, let mode else { return nil }
        return LatentMix(source: source, rows: rows, mode: mode, sourcePosition: position(of: from))
    }

    mutating func latentSource(_ field: Field) -> LatentSource? {
        guard let text = string(field) else { return nil }
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let kind = String(parts[0])
        let argument = parts.count == 2 ? String(parts[1]) : ""
        guard parts.count == 2, LatentSource.kinds.contains(kind) else {
            let hint = NearestName.suggestion(for: kind, among: LatentSource.kinds).map { " (did you mean '\($0):'?)" } ?? ""
            report(field, "'\(text)' is not a latent source\(hint); write \"preset:NAME\", \"seed:N\", \"latent:FILE.npy\" or \"image:FILE.png\"")
            return nil
        }
        switch kind {
        case "preset":
            guard !argument.isEmpty else {
                report(field, "\"preset:\" needs a preset name, e.g. \"preset:villain\"")
                return nil
            }
            return .preset(argument)
        case "seed":
            guard let seed = UInt32(argument) else {
                report(field, "'\(argument)' is not a seed; seeds are whole numbers from 0 to \(UInt32.max)")
                return nil
            }
            return .seed(seed)
        case "latent":
            guard argument.lowercased().hasSuffix(".npy") else {
                report(field, "a latent is a NumPy .npy file of w; '\(argument)' does not end in .npy")
                return nil
            }
            return existingFile(field, argument, kind: "latent file").map { .latent(path: $0) }
        default:
            guard argument.lowercased().hasSuffix(".png") else {
                report(field, "a reference image is a PNG; '\(argument)' does not end in .png")
                return nil
            }
            return existingFile(field, argument, kind: "image").map { .image(path: $0) }
        }
    }

    mutating func mixMode(_ field: Field) -> MixMode? {
        if field.value.stringValue == "replace" { return .replace }
        guard field.value.objectValue != nil else {
            report(field, "must be \"replace\" or {\"weight\": 0.5}, not \(field.value.brief)")
            return nil
        }
        guard let members = object(field, keys: ["weight"]),
              let weightField = require("weight", in: members, of: field, "how far to move toward the mixed-in latent, above 0 and at most 1"),
              let weight = number(weightField, in: 0...1) else { return nil }
        guard weight > 0 else {
            report(weightField, "must be above 0 (a weight of 0 changes nothing; remove the mix instead)")
            return nil
        }
        return .weight(weight)
    }
}

import CastManifest
import Foundation
import StyleCastIO

/// Finds the files StyleCast ships (`models/sprite.safetensors`, ...) for a manifest that does
/// not name its own. `STYLECAST_MODELS` (a folder laid out like the repository's `models/`)
/// wins; otherwise the `models/` folder of the repository the running executable was built in
/// (`<repo>/.build/release/stylecast`), or of an install prefix (`<prefix>/bin/stylecast` with
/// `<prefix>/share/stylecast/models`).
public struct ShippedModels: Sendable {
    public static let environmentVariable = "STYLECAST_MODELS"

    /// The `models/` folder used, or nil when none was found.
    public let folder: String?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                executable: String = CommandLine.arguments.first ?? "") {
        if let given = environment[Self.environmentVariable], !given.isEmpty {
            folder = URL(fileURLWithPath: given).standardizedFileURL.path
        } else {
            folder = ShippedFolder.near(executable: executable, named: "models")
        }
    }

    public init(folder: String) { self.folder = folder }

    /// The absolute path of a manifest's model location; `shipped` paths start with `models/`.
    public func path(of location: ModelLocation) -> String {
        switch location {
        case let .file(path): return path
        case let .shipped(relative):
            let inside = relative.hasPrefix("models/") ? String(relative.dropFirst("models/".count)) : relative
            return (folder ?? "models") + "/" + inside
        }
    }

    /// What to tell a user whose shipped file is missing.
    public func missingAdvice(for location: ModelLocation) -> String {
        guard case .shipped = location else { return "fix the path in the manifest's defaults.models" }
        return "the default models are not installed here; set \(Self.environmentVariable) to a folder holding sprite.safetensors, face.safetensors and presets/index.json, or name converted models of your own in the manifest's defaults.models"
    }
}

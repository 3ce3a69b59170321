import CastManifest
import Foundation
import StyleCastProject

/// One manifest character in a run: its fingerprint, and its earlier art when that is reusable.
struct CharacterPlan {
    var spec: CharacterSpec
    var fingerprint: String
    var selected: Bool
    var forced: Bool
    var previous: CastRecord.Entry?
    var reusable: CharacterArtwork?

    /// Why the art is (re)made or kept, for the summary.
    var reason: String {
        if reusable != nil { return "inputs unchanged" }
        guard let previous else { return "not made before" }
        if forced { return "--force" }
        return previous.art == fingerprint ? "files changed since the last run" : "inputs changed"
    }
}

/// Where a character's art lands in the project, as its exporter will write it.
struct CastOutputPaths {
    let walkSheet: String
    let faceSet: String
    /// The same as absolute paths.
    let absolute: [String]

    init(exporter: any Exporter, root: String, fileName: String) throws {
        (walkSheet, faceSet) = try exporter.ownSheetPaths(name: fileName)
        absolute = [walkSheet, faceSet].map { URL(fileURLWithPath: root + "/" + $0).standardizedFileURL.path }
    }

    var relative: [String] { [walkSheet, faceSet] }
}

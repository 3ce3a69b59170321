import CastManifest
import Foundation
import StyleCastProject

/// One manifest character in a run, worked out once and passed down to the export and the
/// preview: where the exporter puts it, its files in the project as they are now (held against
/// StyleCast's record), the fingerprint of its inputs, and its earlier art when that is reusable.
struct CharacterPlan {
    var spec: CharacterSpec
    /// Its files, and the sheet and face set its actor shows, as the project's exporter gave them.
    var destination: ExportDestination
    /// `destination.files` as they are in the project.
    var files: [ProjectFile]
    var fingerprint: String
    var selected: Bool
    var forced: Bool
    /// The art as the last run made it, when it can be taken as it is (`reusableArtwork`).
    var reusable: CharacterArtwork?

    init(_ spec: CharacterSpec, destination: ExportDestination, in project: RPGMakerProject, fingerprint: String,
         selected: Bool, forced: Bool, store: StageStore) throws {
        self.spec = spec
        self.destination = destination
        files = try destination.files.map(project.file(at:))
        self.fingerprint = fingerprint
        self.selected = selected
        self.forced = forced
        reusable = selected && forced ? nil : reusableArtwork(store: store)
    }

    /// The character's art as the last run made it, when its files in the project still hold
    /// exactly the art of these inputs and its stage pictures are stored. The art comes from
    /// the stages, at the models' sizes: the project's files may be scaled to the project's
    /// sizes, which can have changed since.
    private func reusableArtwork(store: StageStore) -> CharacterArtwork? {
        guard files.allSatisfy({ $0.fingerprint == fingerprint }),
              let stages = store.stages(of: fingerprint),
              let art = try? CharacterArt(walkSheet: stages[CharacterStage.cleanedSprite.rawValue],
                                          faceSet: stages[CharacterStage.finalFaces.rawValue],
                                          walkSheetSource: destination.walkSheet, faceSetSource: destination.faceSet)
        else { return nil }
        return CharacterArtwork(art: art, stages: stages)
    }

    /// Its files that exist but that StyleCast did not write, or that were edited since: those
    /// the run refuses to replace without --force.
    var filesNotOwned: [String] { files.filter { !$0.isOwned }.map(\.path) }

    /// Why the art is (re)made or kept, for the summary.
    var reason: String {
        if reusable != nil { return "inputs unchanged" }
        let previous = files.compactMap(\.recorded?.fingerprint)
        if previous.isEmpty { return "not made before" }
        if forced { return "--force" }
        return previous.contains(fingerprint) ? "files changed since the last run" : "inputs changed"
    }
}

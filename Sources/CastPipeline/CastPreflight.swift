import CastManifest
import Foundation
import StyleCastIO
import StyleCastProject
import StyleGAN

/// The checks a manifest gets once its models and project are known, all reported together as
/// `ManifestErrors` before anything runs: rows and latent shapes against the models
/// (`Manifest.validate`), presets against the model they mix into, and reference images that
/// this very cast overwrites (each run would feed on its own output and never settle).
enum CastPreflight {
    /// `destinations`: where each character's art goes in `project`, by character name (none
    /// when the cast is made without a project, as `stylecast evaluate-cast` makes it).
    static func check(_ manifest: Manifest, models: CastModels, destinations: [String: ExportDestination] = [:],
                      in project: RPGMakerProject? = nil) throws {
        var problems: [ManifestProblem] = []
        do {
            try manifest.validate(sprite: models.limits.sprite, face: models.limits.face)
        } catch let errors as ManifestErrors {
            problems += errors.problems
        }
        func checkPreset(_ name: String, _ role: CastModelRole, at position: SourcePosition, what: String) {
            guard models.presets.preset(name, for: role) == nil else { return }
            let known = models.presets.names(for: role)
            let hint = NearestName.hint(for: name, among: known)
            problems.append(ManifestProblem(position: position, message:
                "\(what) '\(name)' is not in the presets index for the \(role.rawValue) model (\(models.presets.path))\(hint)"))
        }
        var written: [String: String] = [:]
        for character in manifest.characters {
            guard let project else { break }
            for path in destinations[character.name]?.files ?? [] {
                written[URL(fileURLWithPath: project.absolutePath(path)).standardizedFileURL.path] = character.name
            }
        }
        func checkSource(_ mix: LatentMix, _ role: CastModelRole) {
            switch mix.source {
            case let .preset(name):
                checkPreset(name, role, at: mix.sourcePosition, what: "preset")
            case let .image(path):
                if let owner = written[URL(fileURLWithPath: path).standardizedFileURL.path] {
                    problems.append(ManifestProblem(position: mix.sourcePosition, message:
                        "image '\(path)' is one of the files this cast writes (\(owner)'s art), so every run would start from the last run's output; copy it elsewhere and point at the copy"))
                }
            case .seed, .latent:
                break
            }
        }
        for character in manifest.characters {
            for mix in character.spriteMixes { checkSource(mix, .sprite) }
            for mix in character.faceMixes { checkSource(mix, .face) }
        }
        // Slots shared through the defaults are checked once, where they are written.
        var checkedSlots: Set<[Int]> = []
        for slots in [manifest.defaults.faceSlots] + manifest.characters.map(\.faceSlots) {
            for (index, slot) in slots.enumerated() where slot.expression != FaceSlot.neutral
                && checkedSlots.insert([slot.position.line, slot.position.column, index]).inserted {
                checkPreset(slot.expression, .face, at: slot.position, what: "expression")
            }
        }
        guard problems.isEmpty else { throw ManifestErrors(file: manifest.file, problems: problems) }
    }
}

import CastTemplates
import Foundation
import StyleCastIO
import StyleCastProject

/// The commented `cast.json` that `stylecast init` writes from `templates/init/cast.json.mustache`:
/// the standard defaults, and one character per actor of the project with its database fields
/// as they are, so that running the cast restyles the existing party without renaming anyone.
public enum StarterManifest {
    static let group = "init"
    static let template = "cast.json"

    /// Writes the starter manifest for the project at `projectPath` to `manifestPath` (default:
    /// `cast.json` in the project) and returns where it went. Refuses to replace an existing
    /// file unless `force`. `faceExpressionRows`: the rows the face model the starter uses (the
    /// shipped one) mixes expressions into, from its metadata, for the comment that says so.
    /// `templates`: where the template is looked for; it is checked before anything is written.
    @discardableResult
    public static func write(projectPath: String, manifestPath: String? = nil, force: Bool = false,
                             faceExpressionRows: [Int]? = nil,
                             templates: TemplateFolders = TemplateFolders()) throws -> (path: String, project: RPGMakerProject) {
        let project = try RPGMakerProject(at: projectPath)
        let path = manifestPath ?? project.absolutePath("cast.json")
        if FileManager.default.fileExists(atPath: path) && !force {
            throw ProjectError(subject: path, reason: "already exists; edit it, choose another --manifest, or pass --force to replace it")
        }
        let name = URL(fileURLWithPath: project.root).lastPathComponent
        let text = try text(actors: project.actors, engine: project.engine, projectName: name, faceExpressionRows: faceExpressionRows,
                            templates: templates)
        try AtomicFile.write(text, to: path)
        return (path, project)
    }

    /// The manifest text for a project's actors. Same actors and template, same bytes.
    public static func text(actors: ActorsTable, engine: Engine, projectName: String, faceExpressionRows: [Int]? = nil,
                            templates: TemplateFolders = TemplateFolders()) throws -> String {
        let group = try TemplateGroup(Self.group, required: [Self.template], escaping: .jsonString, from: templates)
        let model = StarterManifestModel(actors: actors, engine: engine, projectName: projectName, faceExpressionRows: faceExpressionRows)
        return group.render(Self.template, model)
    }

    /// A well-spread seed for an actor id (SplitMix64's finaliser), so neighbouring actors
    /// do not get neighbouring seeds.
    public static func seed(forActor id: Int) -> UInt32 {
        var z = UInt64(truncatingIfNeeded: id) &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return UInt32(truncatingIfNeeded: z ^ (z >> 31))
    }
}

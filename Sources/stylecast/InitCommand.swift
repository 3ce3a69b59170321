import ArgumentParser
import CastManifest
import CastPipeline
import CastTemplates
import Foundation

/// `stylecast init`: writes a starter cast manifest from a project's existing actors.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starter cast.json with one character per actor of an RPG Maker MV or MZ project.",
        discussion: """
            Each actor keeps its name, id, nickname, profile, class and levels, and gets a seed \
            derived from its id. An existing manifest is never overwritten without --force.
            """
    )

    @Option(help: "The RPG Maker project folder.")
    var project: String

    @Option(help: "Where to write the manifest (default: cast.json in the project folder).")
    var manifest: String?

    @Option(help: ArgumentHelp("A folder of one's own templates, laid out like templates/ (the starter is init/cast.json.mustache); missing ones are the shipped ones.", valueName: "dir"))
    var templates: String?

    @Flag(help: "Overwrite an existing manifest.")
    var force = false

    func run() throws {
        do {
            // The starter uses the shipped models, so its comment names the rows the shipped face
            // model mixes expressions into. A model that cannot be read is `cast`'s to report; the
            // comment then states the general rule.
            let facePath = ShippedModels().path(of: ModelChoice.shipped.face)
            let rows = FileManager.default.fileExists(atPath: facePath) ? try? CastModels.expressionRows(ofModelAt: facePath) : nil
            let written = try StarterManifest.write(projectPath: project, manifestPath: manifest, force: force, faceExpressionRows: rows,
                                                    templates: TemplateFolders(own: templates))
            print("Wrote \(written.path) for \(written.project.engine.rawValue) project \(written.project.root)")
        } catch {
            // Our errors already name the file and say what to do; print them without usage text.
            FileHandle.standardError.write(Data("stylecast: error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}

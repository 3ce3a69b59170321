import ArgumentParser
import CastManifest
import CastPipeline
import CastTemplates
import Foundation
import StyleGAN

/// `stylecast cast`: turns a cast manifest into walk sheets, face sets and actors in a project.
struct CastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cast",
        abstract: "Make every character of a cast manifest into an RPG Maker MV or MZ project, with an HTML preview.",
        discussion: """
            Per character: the sprite latent of its seed (truncated), its sprite mixes, the walk \
            sheet, clean-up for the game; the face latent of its seed with the sprite mixes given \
            to the face directly where they take a preset or seed (the head of the front standing \
            frame projected into the face model for the others), its face mixes, and the 8 faces \
            of its face slots. Every problem in the \
            manifest is reported at once before anything is written. Characters whose inputs are \
            unchanged are kept as they are; the files land all at once or not at all (Ctrl-C \
            leaves the project as it was). The preview goes beside the project, never into it, so \
            the game's deployment does not ship it.
            """
    )

    @Option(help: "The RPG Maker project folder.")
    var project = "."

    @Option(help: "The cast manifest (default: cast.json in the project folder).")
    var manifest: String?

    @Option(parsing: .upToNextOption, help: "Make only these characters (by name); the others stay as they are.")
    var only: [String] = []

    @Flag(help: "Check everything and say what would change, without writing anything.")
    var dryRun = false

    @Flag(help: "Remake art even when it is up to date, and overwrite files StyleCast did not write or that were edited since.")
    var force = false

    @Option(help: "Where to write the preview (default: <project>-preview beside the project folder).")
    var preview: String?

    @Option(help: ArgumentHelp("A folder of one's own templates, laid out like templates/ and holding only those it changes (default: the manifest's defaults.templates, else the shipped ones).", valueName: "dir"))
    var templates: String?

    @Option(help: "Characters made at the same time (one character already keeps every core busy).")
    var jobs = 1

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        HeapTuning.reuseLargeAllocations()
        BLASThreading.useCallingThreadOnly()
        var options = CastOptions(projectPath: project)
        options.manifestPath = manifest
        options.only = only
        options.dryRun = dryRun
        options.force = force
        options.previewDirectory = preview
        options.templates = TemplateFolders(own: templates)
        options.jobs = jobs
        let display = CastProgressDisplay()
        let cancellation = CancellationFlag()
        let interrupts = InterruptHandler { presses in
            if presses == 1 {
                cancellation.cancel()
                display.note("stylecast: stopping; the project is left as it was (Ctrl-C again to quit at once)")
            } else {
                // The transaction's journal makes even this safe: the next run rolls back.
                _exit(130)
            }
        }
        defer { interrupts.stop() }
        do {
            let report = try CastRun.run(options, cancellation: cancellation, events: display.handle)
            display.finish()
            print(report.lines.joined(separator: "\n"))
        } catch {
            display.finish()
            // Our errors already name the file and say what to do; print them without usage text.
            FileHandle.standardError.write(Data("stylecast: error: \(Self.describe(error))\n".utf8))
            throw ExitCode(error is CastInterrupted ? 130 : 1)
        }
    }

    /// Manifest problems one per line, each `file:line:column: message`.
    static func describe(_ error: Error) -> String {
        if let errors = error as? ManifestErrors {
            return "\(errors.problems.count) problem\(errors.problems.count == 1 ? "" : "s") in the manifest; nothing was written\n" + errors.description
        }
        return "\(error)"
    }
}

import ArgumentParser
import CastPipeline
import Foundation
import ModelEvaluation
import StyleGAN

/// `stylecast evaluate-cast`: whether a cast's faces belong to their characters.
struct EvaluateCastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate-cast",
        abstract: "Measure whether a cast's faces show their characters, against the renderer the default models imitate.",
        discussion: """
            Makes every character of a cast manifest as `stylecast cast` does, writing nothing, \
            and judges each character whose attributes are known (its mixes that count take \
            presets or seeds; a mix of weight 0.5 or more takes its source's attribute groups): \
            every face slot against the renderer's drawings of the character with each of the 8 \
            expressions (closest to its own?), face 0's hair style and hair, skin and eye colours, \
            and the PSNR against the renderer's drawing of the character after every face step. \
            Both models must read one latent code (models trained by `stylecast train`). \
            Progress goes to stderr.
            """)

    @Option(help: "The RPG Maker project folder whose cast.json to evaluate.")
    var project = "."

    @Option(help: "The cast manifest (default: cast.json in the project folder).")
    var manifest: String?

    @Option(help: "Make every character with this many projection steps instead of the manifest's.")
    var projectionSteps: Int?

    @Flag(help: "Project every character's head into the face model, also where the cast would not (to measure what projection does).")
    var alwaysProjectFaces = false

    @Option(help: "Characters made at the same time.")
    var jobs = 1

    @Flag(help: "Print the report as JSON.")
    var json = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let projectionSteps, projectionSteps < 1 { throw ValidationError("--projection-steps must be at least 1") }
    }

    func run() throws {
        HeapTuning.reuseLargeAllocations()
        BLASThreading.useCallingThreadOnly()
        var options = CastFaceRun.Options(manifestPath: manifest ?? URL(fileURLWithPath: project).appendingPathComponent("cast.json").path)
        options.jobs = jobs
        options.projectionSteps = projectionSteps
        options.faceProjection = alwaysProjectFaces ? .always : .whereNeeded
        do {
            let report = try CastFaceEvaluation.evaluate(options) { line in
                FileHandle.standardError.write(Data("evaluate-cast: \(line)\n".utf8))
            }
            print(json ? report.json() : report.text, terminator: json ? "\n" : "")
        } catch {
            FileHandle.standardError.write(Data("stylecast: error: \(CastCommand.describe(error))\n".utf8))
            throw ExitCode(1)
        }
    }
}

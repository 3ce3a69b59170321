import ArgumentParser
import CastPipeline
import Foundation
import StyleCastIO
import StyleGAN

/// `stylecast bench-cast`: times a whole cast with random stand-in models of the shipped shapes,
/// on a scratch copy of a project, so the pipeline's speed can be measured before (and apart
/// from) trained models. The pictures mean nothing; the work per stage is the real work.
struct CastBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-cast",
        abstract: "Time a cast manifest end to end with random stand-in models of the shipped shapes, on a scratch copy of its project.",
        discussion: """
            The models are RandomGenerator's "sg2-sprite" (RGBA 144x192) and "sg2-face" (RGBA \
            144x144) with a presets index of the shipped names. The manifest's project (its folder) \
            is copied to a temporary folder first and removed after; the real project is never touched.
            """
    )

    @Option(help: "The cast manifest; its folder is the project copied (default: sample-project/cast.json).")
    var manifest = "sample-project/cast.json"

    @Option(help: "Characters made at the same time.")
    var jobs = 1

    @Option(help: "Override every character's projection steps (default: the manifest's).")
    var steps: Int?

    @Option(help: "Also keep the stand-in models in this folder (for trying `STYLECAST_MODELS=DIR stylecast cast`; their pictures are noise).")
    var keepModels: String?

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1") }
    }

    func run() throws {
        HeapTuning.reuseLargeAllocations()
        BLASThreading.useCallingThreadOnly()
        let scratch = NSTemporaryDirectory() + "stylecast-bench-cast-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let project = scratch + "/project"
        let manifestURL = URL(fileURLWithPath: manifest).standardizedFileURL
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: manifestURL.deletingLastPathComponent().path, toPath: project)
        try? FileManager.default.removeItem(atPath: project + "/.stylecast")
        let copiedManifest = project + "/" + manifestURL.lastPathComponent
        if let steps {
            // The manifest syntax allows a default for every character; characters that set
            // their own steps keep them.
            let text = try String(contentsOfFile: copiedManifest, encoding: .utf8)
            let edited = text.replacingOccurrences(of: #""projectionSteps"\s*:\s*\d+"#, with: "\"projectionSteps\": \(steps)", options: .regularExpression)
            try edited.write(toFile: copiedManifest, atomically: true, encoding: .utf8)
        }

        let models = keepModels ?? scratch + "/models"
        let sprite = try Self.spec("sg2-sprite"), face = try Self.spec("sg2-face")
        try StandInModels.write(to: models, sprite: sprite, face: face)
        print("stand-in models: sprite \(sprite.styleGAN2.map { "\($0.channelBase)/\($0.channelMax)" } ?? "") channel base/max, face likewise; \(availableCores) cores")

        var options = CastOptions(projectPath: project, shipped: ShippedModels(folder: models))
        options.manifestPath = copiedManifest
        options.jobs = jobs
        options.force = true
        options.previewDirectory = scratch + "/preview"
        let display = CastProgressDisplay()
        let report = try CastRun.run(options, events: display.handle)
        display.finish()
        print(report.lines.filter { !$0.hasPrefix("Preview:") }.joined(separator: "\n"))
    }

    static func spec(_ name: String) throws -> GeneratorSpec {
        guard let configuration = RandomGenerator.configurations[name] else {
            throw ValidationError("this build has no '\(name)' configuration")
        }
        return try GeneratorSpec(className: configuration.family.rawValue, initKwargsJSON: configuration.initKwargs)
    }
}

import ArgumentParser
import Foundation
import StyleGAN
import Training

/// `stylecast presets`: the role, expression and head-turn latents of the default models.
struct PresetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presets",
        abstract: "Write the preset latents (roles, expressions, head turns) of a sprite and a face model.",
        discussion: """
            Each preset is a character written down as attributes (see PresetLibrary), encoded into \
            z and mapped to w by the model, saved as <out>/<model>/<name>.npy [1, num_ws, w_dim], \
            with <out>/index.json naming its model, the rows it is meant for and how it was made. \
            Both models must have been trained by `stylecast train` (their row groups are read \
            from the model files). The face model's expression and head-turn presets and the \
            sprite model's roles then have their rows fitted to many characters (PresetTuning: \
            the cast mixes them into every character, not only the one they were written on); \
            a tuned preset is kept only where it does better on held-out characters than the \
            mapped one (shows its expression, turn or role on more of them, or on as many and \
            nearer the renderer's drawings), and the index records both figures. That takes \
            about 10 minutes on 2 cores; progress goes to stderr.
            """)

    @Option(help: "The sprite model.")
    var sprite = "models/sprite.safetensors"

    @Option(help: "The face model.")
    var face = "models/face.safetensors"

    @Option(help: "Output folder.")
    var out = "models/presets"

    @Option(help: "Adam steps fitting each face expression, head-turn and sprite role preset's rows to many characters (0: as the mapping gives them).")
    var tuneSteps = PresetTuning().steps

    @Option(help: "Characters per tuning step.")
    var tuneBatch = PresetTuning().batchSize

    @Option(help: "Tuning learning rate.")
    var tuneLearningRate = PresetTuning().learningRate

    @Option(help: "Tuning: extra weight on the pixels that tell an expression (head turn, role) from the others.")
    var tuneEmphasis = PresetTuning().emphasis

    func validate() throws {
        guard tuneSteps >= 0 else { throw ValidationError("--tune-steps must be 0 or more, not \(tuneSteps)") }
        guard tuneBatch >= 1 else { throw ValidationError("--tune-batch must be 1 or more, not \(tuneBatch)") }
        guard tuneLearningRate.isFinite, tuneLearningRate > 0 else {
            throw ValidationError("--tune-learning-rate must be a number above 0, not \(tuneLearningRate)")
        }
        guard tuneEmphasis.isFinite, tuneEmphasis >= 0 else {
            throw ValidationError("--tune-emphasis must be a number of 0 or more, not \(tuneEmphasis)")
        }
    }

    func run() throws {
        BLASThreading.useCallingThreadOnly()
        let tuning = PresetTuning(steps: tuneSteps, batchSize: tuneBatch, learningRate: tuneLearningRate, emphasis: tuneEmphasis)
        let entries = try PresetLibrary.write(sprite: sprite, face: face, to: out, tuning: tuning) { line in
            FileHandle.standardError.write(Data("presets: \(line)\n".utf8))
        }
        print("wrote \(entries.count) presets and \(out)/index.json")
    }
}

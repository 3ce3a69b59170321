import ArgumentParser
import Foundation
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
            from the model files).
            """)

    @Option(help: "The sprite model.")
    var sprite = "models/sprite.safetensors"

    @Option(help: "The face model.")
    var face = "models/face.safetensors"

    @Option(help: "Output folder.")
    var out = "models/presets"

    func run() throws {
        let entries = try PresetLibrary.write(sprite: sprite, face: face, to: out)
        print("wrote \(entries.count) presets and \(out)/index.json")
    }
}

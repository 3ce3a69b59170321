import Foundation
import StyleCastIO
import StyleGAN

/// Generators with random weights in the shipped models' shapes, with a presets index of the
/// shipped names, written as files the way real models are: for benchmarking the pipeline and
/// for tests, before and beside trained models. Their pictures mean nothing.
public enum StandInModels {
    public static let roles = ["heroine", "hero", "villain", "mage", "knight", "elder", "child"]
    public static let expressions = ["happy", "worried", "angry", "sad", "surprised", "eyes-closed", "determined"]

    /// The shipped models' row groups (`stylecast_rows` metadata) for 10-row models.
    static let rowGroups: [String: RowGroups] = [
        "sprite": RowGroups(shape: [0, 1, 2, 3, 4, 5], colours: [6, 7, 8, 9]),
        "face": RowGroups(shape: [0, 2, 3, 4], headTurn: [1], expression: [5, 6], colours: [7, 8, 9]),
    ]

    /// Writes `sprite.safetensors`, `face.safetensors` and `presets/index.json` (with one `.npy`
    /// per preset: the untruncated latent of a seed) into `folder`, laid out like `models/`.
    /// Models of 10 rows get the shipped models' `stylecast_rows` metadata.
    public static func write(to folder: String, sprite: GeneratorSpec, face: GeneratorSpec, seed: UInt32 = 0) throws {
        try FileManager.default.createDirectory(atPath: folder + "/presets/sprite", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/presets/face", withIntermediateDirectories: true)
        var presets: [Preset] = []
        for (model, spec, modelSeed) in [(CastModelRole.sprite, sprite, seed), (.face, face, seed &+ 1)] {
            var file = try RandomGenerator.file(spec: spec, seed: modelSeed)
            if spec.numWs == 10, let rows = rowGroups[model.rawValue] {
                file = SafeTensorsFile(path: file.path, metadata: file.metadata.merging([RowGroups.metadataKey: try rows.metadataJSON()]) { $1 }, tensors: file.tensors)
            }
            try AtomicFile.write(file.serialized(), to: folder + "/\(model.rawValue).safetensors", durability: .unsynced)
            let generator = try Generator(file: file)
            let names = roles.map { ($0, "role") } + (model == .face ? expressions.map { ($0, "expression") } : [])
            for (index, (name, kind)) in names.enumerated() {
                let latent = try generator.ws(seed: 1000 + UInt32(index))
                let path = folder + "/presets/\(model.rawValue)/\(name).npy"
                try LatentFile.write(latent, to: path)
                presets.append(Preset(name: name, kind: kind, model: model, file: path, rows: Array(0..<spec.numWs),
                                      made: "stand-in: random latent of a random model"))
            }
        }
        try PresetIndex.write(presets, to: folder + "/presets/index.json", durability: .unsynced)
    }
}

import ArgumentParser
import Foundation
import StyleCastIO
import StyleGAN

extension NoiseMode: ExpressibleByArgument {}

/// Options every generator command shares.
struct ModelOption: ParsableArguments {
    @Option(name: .long, help: "Generator model (.safetensors).")
    var model: String

    func load() throws -> Generator { try Generator.load(path: model) }
}

struct NoiseOption: ParsableArguments {
    @Option(name: .long, help: "Noise inputs: const (the model's fixed noise), random (seeded), none.")
    var noiseMode: NoiseMode = .const
}

/// How a seed's ws are made: truncation, and the class of a conditional model.
struct SeedOptions: ParsableArguments {
    @Option(name: .customLong("trunc"), help: "Truncation psi (1 = none).")
    var psi: Float = 1

    @Option(name: .customLong("trunc-cutoff"), help: "Truncate only the first N ws rows.")
    var cutoff: Int?

    @Option(name: .customLong("class"), help: "Class label of a conditional model.")
    var classIndex: Int?

    func validate() throws {
        guard psi.isFinite else { throw ValidationError("--trunc must be a number") }
        if let cutoff, cutoff < 0 { throw ValidationError("--trunc-cutoff must be 0 or more") }
    }

    var truncation: Truncation { Truncation(psi: psi, cutoff: cutoff) }
}

/// The generator a benchmark times: a model file, or a named configuration built in memory
/// with random weights.
struct BenchGeneratorOptions: ParsableArguments {
    @Option(name: .long, help: "Generator model (.safetensors).")
    var model: String?
    @Option(name: .long, help: "A random-weight configuration instead of a model file.")
    var random: String?

    func validate() throws {
        guard (model == nil) != (random == nil) else { throw ValidationError("give exactly one of --model and --random") }
    }

    func load() throws -> Generator {
        try model.map { try Generator.load(path: $0) } ?? RandomGenerator.make(configuration: random!)
    }

    /// How the benchmark's first line names the generator.
    var label: String { model ?? "random \(random!)" }

    /// The configurations `--random` takes, for the commands' help.
    static var configurationNames: String { RandomGenerator.configurations.keys.sorted().joined(separator: ", ") }
}

/// Writes a PNG, or fails naming the file.
func writePNG(_ image: RGBAImage, to path: String) throws {
    try AtomicFile.write(PNG.encode(image), to: path)
}

/// Writes the raw network output `[C, H, W]` as float32 `[1, C, H, W]`.
func writeRaw(_ image: Tensor, to path: String) throws {
    try AtomicFile.write(NPY.encode(NPYArray(shape: [1] + image.shape, values: image.data)), to: path)
}

func createFolder(_ path: String) throws {
    do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
        throw ValidationError("cannot create the output folder \(path): \(error.localizedDescription)")
    }
}

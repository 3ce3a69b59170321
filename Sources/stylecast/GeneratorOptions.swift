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

struct TruncationOptions: ParsableArguments {
    @Option(name: .customLong("trunc"), help: "Truncation psi (1 = none).")
    var psi: Float = 1

    @Option(name: .customLong("trunc-cutoff"), help: "Truncate only the first N ws rows.")
    var cutoff: Int?

    func validate() throws {
        guard psi.isFinite else { throw ValidationError("--trunc must be a number") }
        if let cutoff, cutoff < 0 { throw ValidationError("--trunc-cutoff must be 0 or more") }
    }

    var truncation: Truncation { Truncation(psi: psi, cutoff: cutoff) }
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

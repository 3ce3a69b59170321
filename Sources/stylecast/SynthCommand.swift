import ArgumentParser
import StyleGAN

struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Render an image from saved ws (.npy [1, num_ws, w_dim] or [1, w_dim], or .npz with key w).")

    @OptionGroup var model: ModelOption
    @Option(name: .long, help: "Latent ws file (.npy or .npz).")
    var ws: String
    @Option(name: .long, help: "Output PNG.")
    var out: String
    @Option(name: .long, help: "Also write the raw float32 [1, C, H, W] output here (.npy).")
    var rawOut: String?
    @OptionGroup var noise: NoiseOption
    @Option(name: .long, help: "Seed of --noise-mode random.")
    var noiseSeed: UInt64 = 0

    func run() throws {
        // The engine spreads its GEMMs over the cores itself (see ParallelGEMM).
        BLASThreading.useCallingThreadOnly()
        let generator = try model.load()
        let latent = try LatentFile.read(path: ws, numWs: generator.synthesis.numWs, wDim: generator.synthesis.wDim)
        let image = try generator.synthesize(latent, noiseMode: noise.noiseMode, noiseSeed: noiseSeed)
        try writePNG(ImageConversion.rgba8(image), to: out)
        if let rawOut { try writeRaw(image, to: rawOut) }
        print(out)
    }
}

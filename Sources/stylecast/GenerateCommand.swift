import ArgumentParser
import StyleGAN

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate one image per seed (as the official gen_images.py).",
        discussion: "Writes seedNNNN.png into the output folder; --save-ws adds seedNNNN.ws.npy and --save-raw seedNNNN.raw.npy (float32 [1, C, H, W] before conversion to 8 bits).")

    @OptionGroup var model: ModelOption
    @Option(name: .long, help: "Seeds, e.g. 0-7,42.")
    var seeds: String
    @OptionGroup var latent: SeedOptions
    @OptionGroup var noise: NoiseOption
    @Option(name: .long, help: "Output folder.")
    var outdir: String
    @Flag(name: .long, help: "Also write each seed's ws as seedNNNN.ws.npy.")
    var saveWs = false
    @Flag(name: .long, help: "Also write each raw image as seedNNNN.raw.npy.")
    var saveRaw = false

    func run() throws {
        // The engine spreads its GEMMs over the cores itself (see ParallelGEMM).
        BLASThreading.useCallingThreadOnly()
        let seedList = try IndexList.seeds(seeds)
        let generator = try model.load()
        try createFolder(outdir)
        for seed in seedList {
            let ws = try generator.ws(seed: seed, classIndex: latent.classIndex, truncation: latent.truncation)
            let image = try generator.synthesize(ws, noiseMode: noise.noiseMode, noiseSeed: UInt64(seed))
            let stem = outdir + "/" + Self.fileStem(seed: seed)
            if saveWs { try LatentFile.write(ws, to: stem + ".ws.npy") }
            if saveRaw { try writeRaw(image, to: stem + ".raw.npy") }
            try writePNG(ImageConversion.rgba8(image), to: stem + ".png")
            print(stem + ".png")
        }
    }

    /// `seed0042`: at least four digits, as the official `seed{seed:04d}`.
    static func fileStem(seed: UInt32) -> String {
        let digits = String(seed)
        return "seed" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

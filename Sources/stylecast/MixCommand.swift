import ArgumentParser
import StyleGAN

struct MixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mix",
        abstract: "Render the style-mixing grid of the official style_mixing.py.",
        discussion: "Column seeds along the top, row seeds down the left; each cell is the row seed with the chosen ws rows (--layers) taken from the column seed.")

    @OptionGroup var model: ModelOption
    @Option(name: .long, help: "Row seeds, e.g. 1,2,3.")
    var rows: String
    @Option(name: .long, help: "Column seeds, e.g. 10,11.")
    var cols: String
    @Option(name: .long, help: "ws rows taken from the column seeds, e.g. 0-6.")
    var layers: String = "0-6"
    @OptionGroup var latent: SeedOptions
    @OptionGroup var noise: NoiseOption
    @Option(name: .long, help: "Output PNG.")
    var out: String

    func run() throws {
        // The engine spreads its GEMMs over the cores itself (see ParallelGEMM).
        BLASThreading.useCallingThreadOnly()
        let rowSeeds = try IndexList.seeds(rows), columnSeeds = try IndexList.seeds(cols)
        let generator = try model.load()
        let layerList = try IndexList.parse(layers, in: 0...(generator.synthesis.numWs - 1), what: "layers")
        let grid = StyleMixingGrid(rowSeeds: rowSeeds, columnSeeds: columnSeeds, layers: layerList,
                                   truncation: latent.truncation, classIndex: latent.classIndex, noiseMode: noise.noiseMode)
        try writePNG(grid.render(with: generator), to: out)
        print(out)
    }
}

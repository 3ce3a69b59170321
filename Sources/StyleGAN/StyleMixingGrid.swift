import StyleCastIO

/// The official `style_mixing.py` grid: the top row shows the column seeds, the left column the
/// row seeds, and each cell the row seed's ws with `layers` taken from the column seed. The
/// top-left cell is black.
public struct StyleMixingGrid {
    public var rowSeeds: [UInt32]
    public var columnSeeds: [UInt32]
    public var layers: [Int]
    public var truncation: Truncation
    public var classIndex: Int?
    public var noiseMode: NoiseMode

    public init(rowSeeds: [UInt32], columnSeeds: [UInt32], layers: [Int], truncation: Truncation = .none,
                classIndex: Int? = nil, noiseMode: NoiseMode = .const) {
        self.rowSeeds = rowSeeds
        self.columnSeeds = columnSeeds
        self.layers = layers
        self.truncation = truncation
        self.classIndex = classIndex
        self.noiseMode = noiseMode
    }

    public func render(with generator: Generator) throws -> RGBAImage {
        guard !rowSeeds.isEmpty, !columnSeeds.isEmpty else { throw GeneratorError(reason: "a style-mixing grid needs row and column seeds") }
        var ws: [UInt32: Latent] = [:]
        for seed in rowSeeds + columnSeeds where ws[seed] == nil {
            ws[seed] = try generator.ws(seed: seed, classIndex: classIndex, truncation: truncation)
        }
        func cell(_ latent: Latent, seed: UInt32) throws -> RGBAImage {
            try ImageConversion.rgba8(generator.synthesize(latent, noiseMode: noiseMode, noiseSeed: UInt64(seed)))
        }
        let width = generator.synthesis.imageWidth, height = generator.synthesis.imageHeight
        var canvas = RGBAImage(width: width * (columnSeeds.count + 1), height: height * (rowSeeds.count + 1),
                               pixels: [UInt8](repeating: 0, count: width * (columnSeeds.count + 1) * height * (rowSeeds.count + 1) * 4))
        for i in stride(from: 3, to: canvas.pixels.count, by: 4) { canvas.pixels[i] = 255 }  // opaque black
        for (column, seed) in columnSeeds.enumerated() {
            canvas.paste(try cell(ws[seed]!, seed: seed), x: width * (column + 1), y: 0)
        }
        for (row, rowSeed) in rowSeeds.enumerated() {
            canvas.paste(try cell(ws[rowSeed]!, seed: rowSeed), x: 0, y: height * (row + 1))
            for (column, columnSeed) in columnSeeds.enumerated() {
                let mixed = try ws[rowSeed]!.mixing(rows: layers, from: ws[columnSeed]!)
                canvas.paste(try cell(mixed, seed: rowSeed), x: width * (column + 1), y: height * (row + 1))
            }
        }
        return canvas
    }
}

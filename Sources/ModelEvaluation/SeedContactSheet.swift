import StyleCastArt
import StyleCastIO

/// A review page of a source's seeds: each seed's image at psi 1 beside the renderer's image of
/// its character (the training target), four pairs a row.
public enum SeedContactSheet {
    public static let pairsPerRow = 4

    public static func make(_ source: some EvaluationSource, seeds: [UInt32]) throws -> RGBAImage {
        var tiles: [RGBAImage] = []
        for seed in seeds {
            tiles.append(try source.image(seed: seed, psi: 1))
            tiles.append(source.target.render(source.attributes(seed: seed)))
        }
        return ContactSheet.tile(tiles, columns: 2 * pairsPerRow)
    }
}

import ArtQuality

/// The silhouette step of `SpriteCleanup` for one frame of a sheet: keeps the figure (the
/// largest 8-connected piece) and any detached piece of at least `minimumPiece` pixels (a
/// real part such as a flying ribbon), and drops smaller ones as specks. Enclosed transparent
/// pixels stay: the renderer leaves such gaps itself, between the legs.
struct FrameTidy {
    let sheetWidth: Int
    let left: Int
    let top: Int
    let width: Int
    let height: Int
    let minimumPiece: Int

    func apply(opaque: inout [Bool]) {
        var mask = [Bool](repeating: false, count: width * height)
        for y in 0..<height {
            for x in 0..<width { mask[y * width + x] = opaque[sheetIndex(x, y)] }
        }
        let pieces = PixelComponents(mask: mask, width: width, height: height, connectivity: .eight)
        let figure = pieces.largest
        for y in 0..<height {
            for x in 0..<width where mask[y * width + x] {
                let label = pieces.labels[y * width + x]
                if label != figure && pieces.sizes[label] < minimumPiece { opaque[sheetIndex(x, y)] = false }
            }
        }
    }

    private func sheetIndex(_ x: Int, _ y: Int) -> Int { (top + y) * sheetWidth + left + x }
}

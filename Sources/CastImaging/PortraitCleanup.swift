import ArtQuality
import StyleCastIO

/// Makes a generated face portrait fit for a message window: the figure (its largest piece
/// of pixels with alpha >= 128, plus detached pieces of at least `minimumPiece` pixels) keeps
/// its colours, with its edge steepened to a 1-2 pixel anti-aliased border (a generated face
/// fades out over several pixels, which shows as a halo on the window); specks and the fringe
/// that is not next to the figure become fully transparent. Same input, same bytes.
public enum PortraitCleanup {
    public static let minimumPiece = 24

    public static func clean(_ portrait: RGBAImage) -> RGBAImage {
        let width = portrait.width, height = portrait.height
        guard width > 0, height > 0 else { return portrait }
        var kept = Silhouette(portrait).mask
        FrameTidy(sheetWidth: width, left: 0, top: 0, width: width, height: height, minimumPiece: minimumPiece)
            .apply(opaque: &kept)
        var out = RGBAImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                let p = y * width + x
                let alpha = Int(portrait.pixels[p * 4 + 3])
                let steep: Int
                if kept[p] {
                    steep = min(255, 128 + (alpha - 128) * 4)
                } else if alpha < Int(Silhouette.alphaThreshold) && touches(kept, x, y, width, height) {
                    steep = max(0, 128 - (128 - alpha) * 4)
                } else {
                    steep = 0
                }
                guard steep > 0 else { continue }
                out.pixels.replaceSubrange(p * 4 ..< p * 4 + 4,
                                           with: [portrait.pixels[p * 4], portrait.pixels[p * 4 + 1], portrait.pixels[p * 4 + 2], UInt8(steep)])
            }
        }
        return out
    }

    /// Whether one of the 8 neighbours of (x, y) is a kept figure pixel.
    private static func touches(_ kept: [Bool], _ x: Int, _ y: Int, _ width: Int, _ height: Int) -> Bool {
        for dy in -1...1 {
            for dx in -1...1 where dx != 0 || dy != 0 {
                let nx = x + dx, ny = y + dy
                if nx >= 0, nx < width, ny >= 0, ny < height, kept[ny * width + nx] { return true }
            }
        }
        return false
    }
}

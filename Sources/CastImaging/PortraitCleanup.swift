import ArtQuality
import StyleCastIO

/// Makes a generated face portrait fit for a message window: the figure (its largest piece
/// of pixels with alpha >= 128, plus detached pieces of at least `minimumPiece` pixels) keeps
/// its colours, its edge's alpha steepened above 128 (doubled away from 128: opaque from 192),
/// so a generated face's edge, which fades out over several pixels, ends in a 1-2 pixel
/// anti-aliased border; translucent parts joined to the figure (alpha >= `joinedAlpha` all the
/// way) keep their alpha; specks and faint haze not joined to the figure become fully
/// transparent, so no halo shows on the window. Same input, same bytes.
///
/// The joined translucent parts are what the model draws faintly but means: a neck or a hat
/// brim at alpha 64-128 between figure pieces. Cutting them (and steepening the edge by 4)
/// left holes and cost the sample cast's faces 0.37 dB against the renderer (Cyra 1.6 dB); now
/// 0.02 dB.
public enum PortraitCleanup {
    public static let minimumPiece = 24
    /// The least alpha a translucent pixel needs to stay as part of the figure it is joined to.
    public static let joinedAlpha = 32
    /// How much the figure's edge alpha is steepened above 128.
    static let edgeSteepness = 2

    public static func clean(_ portrait: RGBAImage) -> RGBAImage {
        let width = portrait.width, height = portrait.height
        guard width > 0, height > 0 else { return portrait }
        var kept = Silhouette(portrait).mask
        FrameTidy(sheetWidth: width, left: 0, top: 0, width: width, height: height, minimumPiece: minimumPiece)
            .apply(opaque: &kept)
        let joined = joinedTranslucent(portrait, kept: kept)
        var out = RGBAImage(width: width, height: height)
        for p in 0..<width * height {
            let alpha = Int(portrait.pixels[p * 4 + 3])
            let steep = kept[p] ? min(255, 128 + (alpha - 128) * edgeSteepness) : joined[p] ? alpha : 0
            guard steep > 0 else { continue }
            for c in 0..<3 { out.pixels[p * 4 + c] = portrait.pixels[p * 4 + c] }
            out.pixels[p * 4 + 3] = UInt8(steep)
        }
        return out
    }

    /// The pixels outside `kept` reached from it through 8-neighbours of alpha >= `joinedAlpha`.
    private static func joinedTranslucent(_ portrait: RGBAImage, kept: [Bool]) -> [Bool] {
        let width = portrait.width, height = portrait.height
        var joined = [Bool](repeating: false, count: width * height)
        var stack = kept.indices.filter { kept[$0] }
        while let p = stack.popLast() {
            let x = p % width, y = p / width
            for ny in max(0, y - 1)...min(height - 1, y + 1) {
                for nx in max(0, x - 1)...min(width - 1, x + 1) {
                    let q = ny * width + nx
                    if !kept[q] && !joined[q] && Int(portrait.pixels[q * 4 + 3]) >= joinedAlpha {
                        joined[q] = true
                        stack.append(q)
                    }
                }
            }
        }
        return joined
    }
}

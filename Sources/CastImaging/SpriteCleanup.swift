import ArtQuality
import StyleCastArt
import StyleCastIO

/// Makes a generated RPG Maker MV walk sheet game-ready, the way a pixel artist would tidy it:
/// 1. alpha becomes crisp: pixels at least half opaque (alpha >= 128) turn fully opaque, the
///    rest fully transparent (and colourless, as the renderer leaves them);
/// 2. per 48x48 frame the character's silhouette stays — its largest 8-connected piece — and
///    detached pieces smaller than `minComponentPixels` (stray specks) go;
/// 3. all 12 frames are redrawn from one shared palette of at most `maxColours` colours (see
///    `PaletteQuantiser`), learnt from the figures' solid interior so that the soft fringe of
///    a generated image adds no colours of its own.
/// The same sheet always gives the same bytes; a sheet that is already clean comes back as it is.
public enum SpriteCleanup {
    public struct Options: Sendable {
        public var maxColours: Int = 24
        public var minComponentPixels: Int = 6
        public init() {}
    }

    /// Pixels at least this opaque in the input teach the palette; softer ones only take it.
    static let solidAlpha: UInt8 = 224

    /// Cleans `sheet`. Frames are its 48x48 cells; an image whose sides are not whole frames
    /// is tidied as one frame. Option values below 1 count as 1.
    public static func clean(_ sheet: RGBAImage, options: Options = Options()) -> RGBAImage {
        let size = WalkSheet.frameSize
        let whole = sheet.width % size != 0 || sheet.height % size != 0 || sheet.width == 0 || sheet.height == 0
        let frameWidth = whole ? sheet.width : size, frameHeight = whole ? sheet.height : size
        var opaque = Silhouette(sheet).mask
        for top in stride(from: 0, to: sheet.height, by: max(frameHeight, 1)) {
            for left in stride(from: 0, to: sheet.width, by: max(frameWidth, 1)) {
                FrameTidy(sheetWidth: sheet.width, left: left, top: top, width: frameWidth, height: frameHeight,
                          minimumPiece: max(1, options.minComponentPixels))
                    .apply(opaque: &opaque)
            }
        }
        let kept = opaque.indices.filter { opaque[$0] }
        let keptColours = kept.map { RGB(sheet.pixels[$0 * 4], sheet.pixels[$0 * 4 + 1], sheet.pixels[$0 * 4 + 2]) }
        let solid = kept.indices.filter { sheet.pixels[kept[$0] * 4 + 3] >= solidAlpha }.map { keptColours[$0] }
        let palette = PaletteQuantiser.palette(for: solid.isEmpty ? keptColours : solid, maxColours: max(1, options.maxColours))
        var out = RGBAImage(width: sheet.width, height: sheet.height)
        var nearest: [RGB: RGB] = [:]
        for (p, colour) in zip(kept, keptColours) {
            let mapped = nearest[colour] ?? PaletteQuantiser.nearest(to: colour, in: palette)
            nearest[colour] = mapped
            out.pixels.replaceSubrange(p * 4 ..< p * 4 + 4, with: [mapped.r, mapped.g, mapped.b, 255])
        }
        return out
    }
}

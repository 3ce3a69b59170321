import RPGMakerFormat
import StyleCastIO

/// RPG Maker single-character walk sheets in `RPGMakerLayout`: walk patterns across, one row per
/// `Facing`, on a transparent background.
public enum WalkSheet {
    public static let frameSize = RPGMakerLayout.frameSize
    public static let patterns = RPGMakerLayout.walkPatterns
    public static let standingPattern = RPGMakerLayout.standingPattern
    public static let width = RPGMakerLayout.walkSheetWidth
    public static let height = RPGMakerLayout.walkSheetHeight

    /// The sheet of a character. Only its shape and colours matter; expressions are for faces.
    public static func render(_ attributes: CharacterAttributes) -> RGBAImage {
        let canvas = CairoCanvas(width: width, height: height, antialiased: false)
        let palette = CharacterPalette(attributes.colours)
        let painter = SpritePainter(canvas: canvas, shape: attributes.shape, palette: palette)
        for facing in [Facing.down, .left, .up] {
            for pattern in 0..<patterns {
                let origin = frameOrigin(facing: facing, pattern: pattern)
                canvas.withClip(.rect(Double(origin.x), Double(origin.y), Double(frameSize), Double(frameSize))) {
                    canvas.withTransform(dx: Double(origin.x), dy: Double(origin.y)) {
                        painter.drawFrame(facing: facing, pattern: pattern)
                    }
                }
            }
        }
        var sheet = canvas.image()
        // The right-facing row is the left-facing one mirrored pixel for pixel, as RPG Maker
        // artists draw it (mirroring the vector shapes instead would round differently).
        for pattern in 0..<patterns {
            let left = frame(of: sheet, facing: .left, pattern: pattern)
            let origin = frameOrigin(facing: .right, pattern: pattern)
            for y in 0..<frameSize {
                for x in 0..<frameSize { sheet[origin.x + x, origin.y + y] = left[frameSize - 1 - x, y] }
            }
        }
        return sheet
    }

    /// Top-left corner of a frame in the sheet.
    public static func frameOrigin(facing: Facing, pattern: Int) -> (x: Int, y: Int) {
        precondition((0..<patterns).contains(pattern), "walk pattern must be 0...\(patterns - 1)")
        return (pattern * frameSize, facing.rawValue * frameSize)
    }

    /// One frame cut from a sheet.
    public static func frame(of sheet: RGBAImage, facing: Facing, pattern: Int) -> RGBAImage {
        let origin = frameOrigin(facing: facing, pattern: pattern)
        return sheet.cropped(x: origin.x, y: origin.y, width: frameSize, height: frameSize)
    }
}

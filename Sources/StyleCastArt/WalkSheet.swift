import StyleCastIO

/// Which way a character faces, in the row order of an RPG Maker MV walk sheet.
public enum Facing: Int, CaseIterable, Codable, Sendable {
    case down, left, right, up
}

/// RPG Maker MV single-character walk sheets: 3 columns (walk patterns 0, 1 = standing, 2)
/// by 4 rows (down, left, right, up) of 48x48 frames on a transparent background.
/// The engine plays patterns 0, 1, 2, 1 while walking.
public enum WalkSheet {
    public static let frameSize = 48
    public static let patterns = 3
    public static let standingPattern = 1
    public static let width = frameSize * patterns
    public static let height = frameSize * Facing.allCases.count

    /// The sheet of a character. Only its shape and colours matter; expressions are for faces.
    public static func render(_ attributes: CharacterAttributes) -> RGBAImage {
        let canvas = CairoCanvas(width: width, height: height, antialiased: false)
        let palette = CharacterPalette(attributes.colours)
        let painter = SpritePainter(canvas: canvas, shape: attributes.shape, palette: palette)
        for facing in Facing.allCases {
            for pattern in 0..<patterns {
                let origin = frameOrigin(facing: facing, pattern: pattern)
                // The right-facing row is the left-facing one mirrored, as RPG Maker artists draw it.
                let mirrorAxis: Double? = facing == .right ? Double(frameSize) / 2 : nil
                canvas.withClip(.rect(Double(origin.x), Double(origin.y), Double(frameSize), Double(frameSize))) {
                    canvas.withTransform(dx: Double(origin.x), dy: Double(origin.y), mirroredAbout: mirrorAxis) {
                        painter.drawFrame(facing: facing == .right ? .left : facing, pattern: pattern)
                    }
                }
            }
        }
        return canvas.image()
    }

    /// Top-left corner of a frame in the sheet.
    public static func frameOrigin(facing: Facing, pattern: Int) -> (x: Int, y: Int) {
        precondition((0..<patterns).contains(pattern), "walk pattern must be 0, 1 or 2")
        return (pattern * frameSize, facing.rawValue * frameSize)
    }

    /// One 48x48 frame cut from a sheet.
    public static func frame(of sheet: RGBAImage, facing: Facing, pattern: Int) -> RGBAImage {
        let origin = frameOrigin(facing: facing, pattern: pattern)
        return sheet.cropped(x: origin.x, y: origin.y, width: frameSize, height: frameSize)
    }
}

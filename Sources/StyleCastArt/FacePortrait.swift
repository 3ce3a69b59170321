import RPGMakerFormat
import StyleCastIO

/// A square (`RPGMakerLayout.faceSize`) anime-style bust of a character, as RPG Maker shows in message windows: the same
/// hair, colours and accessories as its walk sheet, drawn anti-aliased from the same palette.
public enum FacePortrait {
    public static let size = RPGMakerLayout.faceSize

    public static func render(_ attributes: CharacterAttributes) -> RGBAImage {
        let canvas = CairoCanvas(width: size, height: size, antialiased: true)
        FacePainter(canvas: canvas, attributes: attributes).draw()
        return canvas.image()
    }

    /// The only pixels an expression may change (brows, eyes, blush, mouth), as x, y, width,
    /// height. Everything outside it is the same for all expressions of a character.
    public static func expressionRegion(headTurn: HeadTurn) -> (x: Int, y: Int, width: Int, height: Int) {
        let centre = FacePainter.featureCentreX(headTurn)
        return (Int(centre) - 40, 38, 80, 82)
    }
}

/// RPG Maker face sets (`RPGMakerLayout`'s face grid), here the eight expressions in
/// `Expression.allCases` order, row by row.
public enum FaceSet {
    public static let columns = RPGMakerLayout.faceColumns
    public static let width = RPGMakerLayout.faceSetWidth
    public static let height = RPGMakerLayout.faceSetHeight

    public static func render(_ attributes: CharacterAttributes) -> RGBAImage {
        var sheet = RGBAImage(width: width, height: height)
        for (index, expression) in Expression.allCases.enumerated() {
            var variant = attributes
            variant.expression.expression = expression
            sheet.paste(FacePortrait.render(variant),
                        x: index % columns * FacePortrait.size, y: index / columns * FacePortrait.size)
        }
        return sheet
    }

    /// The portrait at `index` (0...7) of a face set.
    public static func portrait(of sheet: RGBAImage, index: Int) -> RGBAImage {
        sheet.cropped(x: index % columns * FacePortrait.size, y: index / columns * FacePortrait.size,
                      width: FacePortrait.size, height: FacePortrait.size)
    }
}

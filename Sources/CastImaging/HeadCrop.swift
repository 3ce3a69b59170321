import ArtQuality
import StyleCastArt
import StyleCastIO

/// The head of a walk sheet's front-facing standing frame (row 0 = down, pattern 1), cut out
/// and scaled up to the framing of a face portrait, as the target a face model is projected onto.
///
/// The head is found from the alpha silhouette alone: in RPG Maker MV's chibi proportions the
/// head is about as tall as the rest of the body, so it runs from the top of the figure down
/// `headShareOfFigure` of the figure's height, centred on the head rows' mean column. The crop
/// is the square that places that head as `FacePortrait` places its head: filling
/// `portraitHeadShare` of the height with `portraitHeadTop` of it above, so the shoulders show
/// below as in a bust. Parts of the square beyond the frame are transparent; the scaling is
/// Lanczos-3 on premultiplied alpha, so it is smooth and bleeds no hidden colour.
public enum HeadCrop {
    static let headShareOfFigure = 0.5
    /// FacePortrait draws the head from the hair's top (about y 14) to the chin (y 116) of 144.
    static let portraitHeadShare = 102.0 / 144
    static let portraitHeadTop = 14.0 / 144

    public static func crop(sheet: RGBAImage, size: Int) throws -> RGBAImage {
        guard size > 0 else { throw HeadCropError(reason: "the head crop size must be positive, not \(size)") }
        guard sheet.width == WalkSheet.width, sheet.height == WalkSheet.height else {
            throw HeadCropError(reason: "a walk sheet is \(WalkSheet.width)x\(WalkSheet.height); this image is \(sheet.width)x\(sheet.height)")
        }
        let frame = WalkSheet.frame(of: sheet, facing: .down, pattern: WalkSheet.standingPattern)
        let square = try headSquare(in: frame)
        var cut = RGBAImage(width: square.side, height: square.side)
        cut.paste(frame, x: -square.left, y: -square.top)
        return LanczosResampler.scaled(cut, width: size, height: size)
    }

    /// The crop square in frame coordinates; it may reach past the frame's edges.
    static func headSquare(in frame: RGBAImage) throws -> (left: Int, top: Int, side: Int) {
        let silhouette = Silhouette(frame)
        let pieces = silhouette.components
        guard let figure = pieces.largest else {
            throw HeadCropError(reason: "the front-facing standing frame (row 1, column 2 of the sheet) is empty: no pixel has alpha >= \(Silhouette.alphaThreshold); generate or clean the sheet first")
        }
        // The figure alone, without stray specks, decides where the head is.
        let rows = (0..<frame.height).filter { y in (0..<frame.width).contains { pieces.labels[y * frame.width + $0] == figure } }
        let top = rows.first!, bottom = rows.last!
        let headHeight = max(1.0, Double(bottom - top + 1) * headShareOfFigure)
        var columnSum = 0, count = 0
        for y in top..<(top + Int(headHeight.rounded(.up))) {
            for x in 0..<frame.width where pieces.labels[y * frame.width + x] == figure {
                columnSum += x
                count += 1
            }
        }
        let centreX = Double(columnSum) / Double(count) + 0.5
        let side = max(1, Int((headHeight / portraitHeadShare).rounded()))
        let left = Int((centreX - Double(side) / 2).rounded())
        let squareTop = Int((Double(top) - portraitHeadTop * Double(side)).rounded())
        return (left, squareTop, side)
    }
}

import StyleCastIO
import StyleCastArt

/// Whether a 144x144 face portrait is usable as it stands: its silhouette (alpha >= 128) is
/// one 8-connected piece covering at least `minimumFigureShare` of the image — any second
/// piece, however small, is a stray speck and fails — and the bust reaches the bottom edge,
/// as RPG Maker message windows expect. Anti-aliased edges are fine here.
public enum CleanFaceCheck {
    public static let minimumFigureShare = 0.2

    public static func check(_ portrait: RGBAImage) -> CheckOutcome {
        guard portrait.width == FacePortrait.size, portrait.height == FacePortrait.size else {
            return .failed("the portrait is \(portrait.width)x\(portrait.height), not \(FacePortrait.size)x\(FacePortrait.size)")
        }
        let silhouette = Silhouette(portrait)
        let components = silhouette.components
        guard let figure = components.largest else { return .failed("the portrait is empty") }
        if components.count > 1 {
            return .failed("\(components.count) separate pieces: a figure of \(components.sizes[figure]) px and \(strayPieces(components, besides: figure))")
        }
        let minimum = Int(minimumFigureShare * Double(portrait.width * portrait.height))
        if components.sizes[figure] < minimum {
            return .failed("the figure covers only \(components.sizes[figure]) px (at least \(minimum) expected)")
        }
        if silhouette.rowRange!.upperBound != portrait.height - 1 {
            return .failed("the bust does not reach the bottom edge (it ends on row \(silhouette.rowRange!.upperBound))")
        }
        return .clean
    }
}

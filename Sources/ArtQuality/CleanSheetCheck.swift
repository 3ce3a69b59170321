import RPGMakerFormat
import StyleCastIO
import StyleCastArt

/// Whether a 144x192 RPG Maker MV walk sheet is game-ready as it stands:
/// - every 48x48 frame holds exactly one 8-connected silhouette (alpha >= 128) of at least
///   `minimumFigurePixels`; any second piece, however small, is a stray speck and fails;
/// - each figure's lowest row is the baseline, row 45 of its frame, give or take one;
/// - the sheet is drawn from a small palette: at most `maximumColours` colour groups
///   (see `ColourClusters`) among pixels with alpha above 0;
/// - alpha is crisp: pixels with alpha in 9...246 (neither about transparent nor about opaque)
///   are at most `semiTransparentShare` of the pixels with alpha above 8.
public enum CleanSheetCheck {
    public static let minimumFigurePixels = 100
    public static let baselineRow = 45
    public static let baselineTolerance = 1
    public static let maximumColours = 32
    public static let semiTransparentShare = 0.05

    public static func check(_ sheet: RGBAImage) -> CheckOutcome {
        guard sheet.width == WalkSheet.width, sheet.height == WalkSheet.height else {
            return .failed("the sheet is \(sheet.width)x\(sheet.height), not \(WalkSheet.width)x\(WalkSheet.height)")
        }
        for facing in Facing.allCases {
            for pattern in 0..<WalkSheet.patterns {
                let outcome = checkFrame(WalkSheet.frame(of: sheet, facing: facing, pattern: pattern))
                if let reason = outcome.reason { return .failed("frame \(facing) pattern \(pattern): \(reason)") }
            }
        }
        if let reason = AlphaCrispness.check(sheet, allowedShare: semiTransparentShare).reason { return .failed(reason) }
        let colours = ColourClusters.count(in: sheet, limit: maximumColours)
        if colours > maximumColours {
            return .failed("more than \(maximumColours) distinct colours (a sprite palette is small)")
        }
        return .clean
    }

    static func checkFrame(_ frame: RGBAImage) -> CheckOutcome {
        let silhouette = Silhouette(frame)
        let components = silhouette.components
        guard let figure = components.largest else { return .failed("empty") }
        if components.count > 1 {
            return .failed("\(components.count) separate pieces: a figure of \(components.sizes[figure]) px and \(strayPieces(components, besides: figure))")
        }
        if components.sizes[figure] < minimumFigurePixels {
            return .failed("the figure has only \(components.sizes[figure]) px (at least \(minimumFigurePixels) expected)")
        }
        let lowest = silhouette.rowRange!.upperBound
        if abs(lowest - baselineRow) > baselineTolerance {
            return .failed("the feet end on row \(lowest), not on the baseline row \(baselineRow)")
        }
        return .clean
    }
}

/// The share of pixels that are neither about transparent (alpha <= 8) nor about opaque
/// (alpha >= 247) among those that are not about transparent.
enum AlphaCrispness {
    static let nearlyTransparent: UInt8 = 8
    static let nearlyOpaque: UInt8 = 247

    static func check(_ image: RGBAImage, allowedShare: Double) -> CheckOutcome {
        var visible = 0, soft = 0
        for p in 0..<(image.width * image.height) {
            let a = image.pixels[p * 4 + 3]
            guard a > nearlyTransparent else { continue }
            visible += 1
            if a < nearlyOpaque { soft += 1 }
        }
        guard visible > 0, Double(soft) > allowedShare * Double(visible) else { return .clean }
        let percent = Int((100 * Double(soft) / Double(visible)).rounded())
        return .failed("\(percent)% of the visible pixels are semi-transparent (at most \(Int(allowedShare * 100))% allowed)")
    }
}

import RPGMakerFormat
import StyleCastArt
import StyleCastIO

/// Renderer output spoilt in one specific way each, for checks that must notice it.
enum DamagedArt {
    static let opaqueRed: (r: UInt8, g: UInt8, b: UInt8, a: UInt8) = (220, 20, 20, 255)

    /// A single opaque pixel in a corner of the frame, away from the figure.
    static func speck(_ sheet: RGBAImage, facing: Facing, pattern: Int) -> RGBAImage {
        var out = sheet
        let origin = WalkSheet.frameOrigin(facing: facing, pattern: pattern)
        out[origin.x + 2, origin.y + 2] = opaqueRed
        return out
    }

    /// The frame's figure moved up by `rows`, leaving it floating above the baseline.
    static func lifted(_ sheet: RGBAImage, facing: Facing, pattern: Int, rows: Int) -> RGBAImage {
        var out = sheet
        let origin = WalkSheet.frameOrigin(facing: facing, pattern: pattern)
        let frame = WalkSheet.frame(of: sheet, facing: facing, pattern: pattern)
        out.paste(RGBAImage(width: frame.width, height: frame.height), x: origin.x, y: origin.y)
        out.paste(frame.cropped(x: 0, y: rows, width: frame.width, height: frame.height - rows), x: origin.x, y: origin.y)
        return out
    }

    /// Every visible pixel's alpha set to `alpha`.
    static func faded(_ image: RGBAImage, alpha: UInt8) -> RGBAImage {
        var out = image
        for p in 0..<(image.width * image.height) where out.pixels[p * 4 + 3] > 0 { out.pixels[p * 4 + 3] = alpha }
        return out
    }

    /// Every visible pixel's colour shifted by a different amount, as an unquantised generator draws.
    static func rainbow(_ image: RGBAImage) -> RGBAImage {
        var out = image
        for p in 0..<(image.width * image.height) where out.pixels[p * 4 + 3] > 0 {
            out.pixels[p * 4] = UInt8(p % 256)
            out.pixels[p * 4 + 1] = UInt8(p / 256 % 256)
        }
        return out
    }
}

import Foundation
import StyleCastIO

/// How alike two images of the same size are.
public enum ImageComparison {
    /// Peak signal-to-noise ratio in dB on the 8-bit scale: 10 log10(255^2 / MSE), the mean
    /// squared error taken over all four channels of every pixel in premultiplied form (colour
    /// times alpha / 255, and alpha itself), so the hidden colour of transparent pixels does
    /// not count. Identical images give +infinity.
    public static func psnr(_ a: RGBAImage, _ b: RGBAImage) -> Double {
        precondition(a.width == b.width && a.height == b.height, "PSNR needs images of one size")
        let count = a.width * a.height
        guard count > 0 else { return .infinity }
        var squares = 0.0
        for p in 0..<count {
            let alphaA = Double(a.pixels[p * 4 + 3]), alphaB = Double(b.pixels[p * 4 + 3])
            for c in 0..<3 {
                let d = Double(a.pixels[p * 4 + c]) * alphaA / 255 - Double(b.pixels[p * 4 + c]) * alphaB / 255
                squares += d * d
            }
            squares += (alphaA - alphaB) * (alphaA - alphaB)
        }
        let mse = squares / Double(count * 4)
        return mse > 0 ? 10 * log10(255 * 255 / mse) : .infinity
    }

    /// Intersection over union of the two silhouettes (alpha >= 128); 1 when both are empty.
    public static func silhouetteIoU(_ a: RGBAImage, _ b: RGBAImage) -> Double {
        precondition(a.width == b.width && a.height == b.height, "IoU needs images of one size")
        let maskA = Silhouette(a).mask, maskB = Silhouette(b).mask
        var both = 0, either = 0
        for i in maskA.indices {
            if maskA[i] && maskB[i] { both += 1 }
            if maskA[i] || maskB[i] { either += 1 }
        }
        return either == 0 ? 1 : Double(both) / Double(either)
    }
}

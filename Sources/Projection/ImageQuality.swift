import Foundation

/// How close an image is to the target, for reports: PSNR and SSIM over the target's
/// weighted (opaque) pixels, images in [-1, 1] (data range 2).
public struct ImageQuality: Sendable, Equatable, CustomStringConvertible {
    public var psnr: Double
    public var ssim: Double

    public init(image: [Float], target: ProjectionTarget) {
        precondition(image.count == target.values.count, "image does not match the target's size")
        let plane = target.height * target.width
        var squares = 0.0, weight = 0.0
        for c in 0..<target.channels {
            for p in 0..<plane {
                let d = Double(image[c * plane + p] - target.values[c * plane + p])
                squares += Double(target.pixelWeights[p]) * d * d
                weight += Double(target.pixelWeights[p])
            }
        }
        let mse = squares / max(weight, 1e-12)
        psnr = mse > 0 ? 10 * log10(4 / mse) : .infinity
        ssim = StructuralSimilarity(target: target.values, pixelWeights: target.pixelWeights, channels: target.channels,
                                    height: target.height, width: target.width)
            .map { Double($0.evaluate(image).ssim) } ?? .nan
    }

    public var description: String { String(format: "PSNR %.2f dB, SSIM %.4f", psnr, ssim) }
}

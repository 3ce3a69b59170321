/// SSIM (Wang et al. 2004: 11x11 Gaussian window, sigma 1.5, K1 0.01, K2 0.03) between an
/// image and a fixed target, per channel, averaged with per-pixel weights, with its analytic
/// gradient with respect to the image. Images are planar `[channels, height, width]` with a data
/// range of 2 (values in [-1, 1]).
public struct StructuralSimilarity {
    public let channels: Int
    public let height: Int
    public let width: Int
    private let window = GaussianWindow()
    private let c1: Float = (0.01 * 2) * (0.01 * 2)
    private let c2: Float = (0.03 * 2) * (0.03 * 2)
    private let target: [Float]
    /// Weight of each window, by its centre pixel, normalised to sum to 1 over a channel.
    private let windowWeights: [Float]
    private let targetMean: [[Float]]
    private let targetSquareMean: [[Float]]

    /// The images must be at least 11 pixels each way. `pixelWeights` (`height * width`, from
    /// the target's alpha) must not all be zero inside the 5-pixel border.
    public init?(target: [Float], pixelWeights: [Float], channels: Int, height: Int, width: Int) {
        let k = GaussianWindow.size
        guard height >= k, width >= k else { return nil }
        self.channels = channels
        self.height = height
        self.width = width
        self.target = target
        let outH = height - k + 1, outW = width - k + 1, half = k / 2
        var weights = [Float](repeating: 0, count: outH * outW)
        for y in 0..<outH {
            for x in 0..<outW { weights[y * outW + x] = pixelWeights[(y + half) * width + x + half] }
        }
        let total = weights.reduce(0, +)
        guard total > 0 else { return nil }
        windowWeights = weights.map { $0 / total }
        let plane = height * width
        var means: [[Float]] = [], squareMeans: [[Float]] = []
        for c in 0..<channels {
            let t = Array(target[c * plane ..< (c + 1) * plane])
            means.append(window.filter(t, height: height, width: width))
            squareMeans.append(window.filter(t.map { $0 * $0 }, height: height, width: width))
        }
        targetMean = means
        targetSquareMean = squareMeans
    }

    /// The weighted mean SSIM over all channels and its gradient with respect to `image`.
    public func evaluate(_ image: [Float]) -> (ssim: Float, gradient: [Float]) {
        let plane = height * width
        var total: Double = 0
        var gradient = [Float](repeating: 0, count: image.count)
        let channelShare = 1 / Float(channels)
        for c in 0..<channels {
            let x = Array(image[c * plane ..< (c + 1) * plane])
            let y = Array(target[c * plane ..< (c + 1) * plane])
            let muX = window.filter(x, height: height, width: width)
            let exx = window.filter(x.map { $0 * $0 }, height: height, width: width)
            var xy = [Float](repeating: 0, count: plane)
            for i in 0..<plane { xy[i] = x[i] * y[i] }
            let exy = window.filter(xy, height: height, width: width)
            let muY = targetMean[c], eyy = targetSquareMean[c]
            // Partial derivatives of each window's SSIM with respect to the three filtered
            // image statistics (mean x, mean x^2, mean xy), scaled by the window's weight.
            var dMuX = [Float](repeating: 0, count: muX.count)
            var dExx = dMuX, dExy = dMuX
            for i in muX.indices {
                let mx = muX[i], my = muY[i]
                let a1 = 2 * mx * my + c1
                let a2 = 2 * (exy[i] - mx * my) + c2
                let b1 = mx * mx + my * my + c1
                let b2 = (exx[i] - mx * mx) + (eyy[i] - my * my) + c2
                let s = a1 * a2 / (b1 * b2)
                let w = windowWeights[i] * channelShare
                total += Double(w * s)
                dMuX[i] = w * (2 * my * (a2 - a1) / (b1 * b2) - 2 * mx * s * (1 / b1 - 1 / b2))
                dExx[i] = w * (-s / b2)
                dExy[i] = w * (2 * a1 / (b1 * b2))
            }
            let gMu = window.adjoint(dMuX, height: height, width: width)
            let gXX = window.adjoint(dExx, height: height, width: width)
            let gXY = window.adjoint(dExy, height: height, width: width)
            for i in 0..<plane {
                gradient[c * plane + i] = gMu[i] + 2 * x[i] * gXX[i] + y[i] * gXY[i]
            }
        }
        return (Float(total), gradient)
    }
}

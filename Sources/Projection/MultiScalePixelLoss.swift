/// Weighted mean squared error between an image and a fixed target at full size and at
/// successive 2x average-pooled sizes, summed over the scales, with the gradient with respect
/// to the image. The coarse scales reward getting colours right over areas even when edges
/// are still off, which the full-size term alone barely does.
///
/// Pixel weights come from the target's alpha. At a coarse scale the target pixel is the
/// alpha-weighted mean of the pixels it covers and its weight their mean alpha, so transparent
/// target pixels never pull on the image.
public struct MultiScalePixelLoss {
    public let channels: Int
    public let height: Int
    public let width: Int
    /// Number of scales actually used (coarsest at least 8 pixels on its short side).
    public let scaleCount: Int
    private let targets: [[Float]]
    /// Per-scale pixel weights divided by `channels * sum of weights`, so each scale's term is a mean.
    private let normalisedWeights: [[Float]]

    public init(target: [Float], pixelWeights: [Float], channels: Int, height: Int, width: Int, scales: Int) {
        self.channels = channels
        self.height = height
        self.width = width
        var targets: [[Float]] = [], weightsList: [[Float]] = []
        var h = height, w = width
        var weighted = [Float](repeating: 0, count: target.count)
        for c in 0..<channels {
            for i in 0..<h * w { weighted[c * h * w + i] = target[c * h * w + i] * pixelWeights[i] }
        }
        var weights = pixelWeights
        while true {
            var level = [Float](repeating: 0, count: channels * h * w)
            for c in 0..<channels {
                for i in 0..<h * w where weights[i] > 0 { level[c * h * w + i] = weighted[c * h * w + i] / weights[i] }
            }
            targets.append(level)
            let sum = weights.reduce(0, +)
            weightsList.append(weights.map { sum > 0 ? $0 / (sum * Float(channels)) : 0 })
            guard targets.count < scales, min(h, w) / 2 >= 8 else { break }
            weighted = AveragePool.downsample(weighted, channels: channels, height: h, width: w)
            weights = AveragePool.downsample(weights, channels: 1, height: h, width: w)
            h /= 2
            w /= 2
        }
        self.targets = targets
        normalisedWeights = weightsList
        scaleCount = targets.count
    }

    /// The sum over scales of the weighted MSE, and its gradient with respect to `image`.
    public func evaluate(_ image: [Float]) -> (value: Float, gradient: [Float]) {
        var pyramid: [[Float]] = [image]
        var sizes = [(height, width)]
        for _ in 1..<scaleCount {
            let (h, w) = sizes.last!
            pyramid.append(AveragePool.downsample(pyramid.last!, channels: channels, height: h, width: w))
            sizes.append((h / 2, w / 2))
        }
        var total: Double = 0
        var carried: [Float] = []
        // From the coarsest scale up: each scale's gradient is added to the adjoint of the coarser one.
        for level in stride(from: scaleCount - 1, through: 0, by: -1) {
            let (h, w) = sizes[level]
            let x = pyramid[level], t = targets[level], weights = normalisedWeights[level]
            var gradient = level == scaleCount - 1
                ? [Float](repeating: 0, count: x.count)
                : AveragePool.adjoint(carried, channels: channels, height: h / 2, width: w / 2, inputHeight: h, inputWidth: w)
            for c in 0..<channels {
                for i in 0..<h * w {
                    let d = x[c * h * w + i] - t[c * h * w + i]
                    total += Double(weights[i] * d * d)
                    gradient[c * h * w + i] += 2 * weights[i] * d
                }
            }
            carried = gradient
        }
        return (Float(total), carried)
    }
}

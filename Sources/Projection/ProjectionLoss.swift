/// The projector's image distance: multi-scale pixel MSE plus a structural (1 - SSIM) term,
/// both masked by the target's alpha, with the gradient with respect to the image. Needs no
/// downloaded feature network.
public struct ProjectionLoss {
    /// The parts of one evaluation.
    public struct Terms: Sendable, Equatable {
        /// Sum over scales of the weighted MSE.
        public var pixel: Float
        /// Weighted mean SSIM at full size (1 when the image is too small for the SSIM window).
        public var ssim: Float
        /// pixel + ssimWeight * (1 - ssim).
        public var total: Float
    }

    public let target: ProjectionTarget
    public let ssimWeight: Float
    private let pixelLoss: MultiScalePixelLoss
    private let structural: StructuralSimilarity?

    /// `scales`: how many 2x-pooled sizes the pixel term compares (it stops before the short
    /// side drops under 8). `ssimWeight`: weight of 1 - SSIM; images under 11 pixels skip it.
    public init(target: ProjectionTarget, scales: Int = 4, ssimWeight: Float = 0.5) {
        self.target = target
        self.ssimWeight = ssimWeight
        pixelLoss = MultiScalePixelLoss(target: target.values, pixelWeights: target.pixelWeights,
                                        channels: target.channels, height: target.height, width: target.width,
                                        scales: max(1, scales))
        structural = ssimWeight > 0
            ? StructuralSimilarity(target: target.values, pixelWeights: target.pixelWeights,
                                   channels: target.channels, height: target.height, width: target.width)
            : nil
    }

    public func evaluate(_ image: [Float]) -> (terms: Terms, gradient: [Float]) {
        precondition(image.count == target.values.count, "image does not match the target's size")
        var (pixel, gradient) = pixelLoss.evaluate(image)
        var ssim: Float = 1
        if let structural {
            let (value, ssimGradient) = structural.evaluate(image)
            ssim = value
            for i in gradient.indices { gradient[i] -= ssimWeight * ssimGradient[i] }
        }
        return (Terms(pixel: pixel, ssim: ssim, total: pixel + ssimWeight * (1 - ssim)), gradient)
    }
}

import Foundation

/// The learning-rate and w-noise schedule of the official StyleGAN2-ADA projector: the rate
/// ramps up linearly over the first 5 % of the steps and down along a half cosine over the last
/// 25 %; the noise added to w starts at 5 % of the spread of W and decays quadratically to zero
/// at 75 % of the run.
public struct ProjectionSchedule: Sendable, Equatable {
    public var steps: Int
    public var initialLearningRate: Float = 0.1
    public var initialNoiseFactor: Float = 0.05
    public var learningRateRampDown: Float = 0.25
    public var learningRateRampUp: Float = 0.05
    public var noiseRampLength: Float = 0.75

    public init(steps: Int, initialLearningRate: Float = 0.1) {
        self.steps = steps
        self.initialLearningRate = initialLearningRate
    }

    private func progress(_ step: Int) -> Double { Double(step) / Double(steps) }

    /// The learning rate for step `step` (0-based).
    public func learningRate(step: Int) -> Float {
        let t = progress(step)
        var ramp = min(1.0, (1.0 - t) / Double(learningRateRampDown))
        ramp = 0.5 - 0.5 * cos(ramp * Double.pi)
        ramp *= min(1.0, t / Double(learningRateRampUp))
        return Float(Double(initialLearningRate) * ramp)
    }

    /// The standard deviation of the Gaussian noise added to w at step `step`, for a W space
    /// whose spread is `wStd`.
    public func wNoiseScale(step: Int, wStd: Float) -> Float {
        let t = progress(step)
        let decay = max(0.0, 1.0 - t / Double(noiseRampLength))
        return Float(Double(wStd) * Double(initialNoiseFactor) * decay * decay)
    }
}

import Foundation

/// A seeded stream of standard normal Float samples (SplitMix64 bits, Box-Muller transform).
/// The projector draws all of its randomness from one stream, so one seed fixes a run exactly
/// on every platform.
public struct GaussianStream: Sendable {
    private var state: UInt64
    private var spare: Float?

    public init(seed: UInt64) {
        state = seed
    }

    private mutating func nextBits() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in (0, 1], never 0, so the logarithm below stays finite.
    private mutating func nextUnit() -> Double {
        Double((nextBits() >> 11) + 1) * (1.0 / 9_007_199_254_740_992.0)
    }

    public mutating func next() -> Float {
        if let value = spare {
            spare = nil
            return value
        }
        let radius = (-2 * log(nextUnit())).squareRoot()
        let angle = 2 * Double.pi * nextUnit()
        spare = Float(radius * sin(angle))
        return Float(radius * cos(angle))
    }

    public mutating func fill(count: Int) -> [Float] {
        (0..<count).map { _ in next() }
    }
}

import Foundation

/// `numpy.random.RandomState(seed)`: the MT19937 generator with NumPy's legacy seeding and its
/// legacy Gaussian (Marsaglia polar method, caching the second value), so that
/// `NumpyRandom(seed: s).standardNormal(count: n)` equals `RandomState(s).randn(n)` bit for bit.
public struct NumpyRandom: Sendable {
    private static let stateLength = 624
    private var state: [UInt32]
    private var position: Int
    private var cachedGaussian: Double?

    /// Seeds as NumPy does for an integer seed (every value 0...2^32-1 is valid).
    public init(seed: UInt32) {
        state = [UInt32](repeating: 0, count: Self.stateLength)
        var value = seed
        for i in 0..<Self.stateLength {
            state[i] = value
            value = 1_812_433_253 &* (value ^ (value >> 30)) &+ UInt32(i + 1)
        }
        position = Self.stateLength
    }

    /// The next tempered 32-bit output of MT19937.
    public mutating func nextUInt32() -> UInt32 {
        if position >= Self.stateLength { twist() }
        var y = state[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    private mutating func twist() {
        let n = Self.stateLength, m = 397
        for i in 0..<n {
            let y = (state[i] & 0x8000_0000) | (state[(i + 1) % n] & 0x7FFF_FFFF)
            var next = state[(i + m) % n] ^ (y >> 1)
            if y & 1 != 0 { next ^= 0x9908_B0DF }
            state[i] = next
        }
        position = 0
    }

    /// A double in [0, 1) from 53 random bits (NumPy's `random_sample`).
    public mutating func nextDouble() -> Double {
        let a = Double(nextUInt32() >> 5), b = Double(nextUInt32() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// One standard normal value, NumPy's legacy `gauss`.
    public mutating func nextGaussian() -> Double {
        if let cached = cachedGaussian {
            cachedGaussian = nil
            return cached
        }
        var x1 = 0.0, x2 = 0.0, r2 = 0.0
        repeat {
            x1 = 2 * nextDouble() - 1
            x2 = 2 * nextDouble() - 1
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1 || r2 == 0
        let f = (-2 * log(r2) / r2).squareRoot()
        cachedGaussian = f * x1
        return f * x2
    }

    /// `randn(count)`.
    public mutating func standardNormal(count: Int) -> [Double] {
        (0..<count).map { _ in nextGaussian() }
    }
}

/// The z of a seed, exactly as the official tools draw it: `RandomState(seed).randn(1, z_dim)`.
public func latentZ(seed: UInt32, zDim: Int) -> [Double] {
    var random = NumpyRandom(seed: seed)
    return random.standardNormal(count: zDim)
}

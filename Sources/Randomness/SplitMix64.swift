/// SplitMix64 (Steele, Lea and Flood, 2014): the one seeded generator behind procedural art,
/// random-weight networks and tests, written out here so that a seed means the same numbers on
/// every platform and Swift release (the standard library's generators promise neither).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(state: UInt64) { self.state = state }

    /// A generator for one named stream of a seed. Streams of the same seed are independent,
    /// so that, for example, the colours of a character do not depend on how many draws its
    /// shape took.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(state: seed ^ (stream &* 0xD6E8_FEB8_6659_FD93))
        self.state = mixer.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

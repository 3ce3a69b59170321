/// The random source behind every attribute choice: SplitMix64 (Steele, Lea and Flood, 2014),
/// written out here so that a seed means the same character on every platform and Swift
/// release (the standard library's generators promise neither).
public struct SplitMix64: Sendable {
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

    /// A uniform integer in 0..<bound (Lemire's multiply-shift with rejection, so no bias).
    public mutating func index(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let range = UInt64(bound)
        let threshold = (0 &- range) % range
        while true {
            let (high, low) = next().multipliedFullWidth(by: range)
            if low >= threshold { return Int(high) }
        }
    }

    /// One case of `T`, each equally likely.
    public mutating func pick<T: CaseIterable>(_ type: T.Type = T.self) -> T where T.AllCases: RandomAccessCollection {
        let cases = T.allCases
        return cases[cases.index(cases.startIndex, offsetBy: index(below: cases.count))]
    }

    /// True with probability `numerator / denominator`.
    public mutating func chance(_ numerator: Int, in denominator: Int) -> Bool {
        index(below: denominator) < numerator
    }
}

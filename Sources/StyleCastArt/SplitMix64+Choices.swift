import Randomness

/// The attribute choices drawn from a `SplitMix64` stream.
extension SplitMix64 {
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

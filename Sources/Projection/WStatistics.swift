/// The centre and spread of W, from many mapped samples: the projector starts at the centre and
/// scales the noise it adds to w by the spread.
public struct WStatistics: Sendable, Equatable {
    /// The mean w, `wDim` values.
    public var average: [Float]
    /// sqrt(mean over samples of |w - average|^2), the official projector's `w_std`.
    public var standardDeviation: Float

    public init(average: [Float], standardDeviation: Float) {
        self.average = average
        self.standardDeviation = standardDeviation
    }

    /// Statistics of `count` samples; `sample(i)` returns the i-th w (`wDim` values). The
    /// official projector uses 10000 samples of z from `RandomState(123)`. Sums run in Double in
    /// sample order, so the result does not depend on anything but the samples.
    public static func estimate(count: Int, sample: (Int) throws -> [Float]) rethrows -> WStatistics {
        precondition(count > 0, "need at least one sample")
        var samples: [[Float]] = []
        samples.reserveCapacity(count)
        for i in 0..<count { samples.append(try sample(i)) }
        let dimension = samples[0].count
        precondition(samples.allSatisfy { $0.count == dimension }, "samples differ in size")
        var sum = [Double](repeating: 0, count: dimension)
        for w in samples {
            for j in 0..<dimension { sum[j] += Double(w[j]) }
        }
        let average = sum.map { Float($0 / Double(count)) }
        var squares = 0.0
        for w in samples {
            for j in 0..<dimension {
                let d = Double(w[j] - average[j])
                squares += d * d
            }
        }
        return WStatistics(average: average, standardDeviation: Float((squares / Double(count)).squareRoot()))
    }
}

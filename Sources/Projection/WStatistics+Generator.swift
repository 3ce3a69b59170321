import StyleGAN

extension WStatistics {
    /// The official projector's statistics: `count` z from `RandomState(123).randn(count, z_dim)`
    /// through the mapping network (untruncated), first w row of each. Conditional models get
    /// the all-zero class vector (the official projector passes no class).
    public static func sampled(from generator: Generator, count: Int = 10000) throws -> WStatistics {
        var random = NumpyRandom(seed: 123)
        let zDim = generator.spec.zDim
        let c = [Float](repeating: 0, count: generator.spec.cDim)
        return try estimate(count: count) { _ in
            Array(try generator.mapping(z: random.standardNormal(count: zDim), c: c).row(0))
        }
    }
}

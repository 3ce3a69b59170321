import StyleGAN

extension NumpyRandom {
    /// `count` standard normal values (NumPy's `randn`) rounded to Float.
    public mutating func floatGaussians(count: Int) -> [Float] {
        (0..<count).map { _ in Float(nextGaussian()) }
    }
}

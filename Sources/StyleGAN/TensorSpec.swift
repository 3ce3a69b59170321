/// One tensor a network expects in its model file: the NVlabs state-dict name, the shape its
/// constructor arguments imply, and how a random-weight model (for benchmarks and tests) fills it.
public struct TensorSpec: Sendable, Equatable {
    public enum Initializer: Sendable, Equatable {
        /// Normal values with this standard deviation, as the NVlabs constructors draw weights.
        case gaussian(Float)
        /// Every value the same (biases, gains, the running average of w).
        case constant(Float)
        /// Fixed values (resampling filters, which are buffers derived from the arguments).
        case values([Float])
    }

    public let name: String
    public let shape: [Int]
    /// False for registered buffers (filters, noise constants, running averages), which the
    /// official code does not count as parameters.
    public let isParameter: Bool
    public let initializer: Initializer

    public init(_ name: String, _ shape: [Int], isParameter: Bool = true, initializer: Initializer = .gaussian(1)) {
        self.name = name
        self.shape = shape
        self.isParameter = isParameter
        self.initializer = initializer
    }

    public var count: Int { shape.reduce(1, *) }
}

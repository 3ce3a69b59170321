/// Height and width of one per-layer noise input of a StyleGAN2 synthesis network.
public struct NoiseShape: Equatable, Sendable {
    public let height: Int
    public let width: Int
    public init(height: Int, width: Int) {
        self.height = height
        self.width = width
    }
    public var count: Int { height * width }
}

/// dL/dws and dL/dnoise for one backward pass.
public struct SynthesisGradients: Sendable {
    /// `numWs * wDim` values, row-major like ws.
    public var ws: [Float]
    /// One array per noise input, in `noiseShapes` order (empty for StyleGAN3).
    public var noise: [[Float]]
    public init(ws: [Float], noise: [[Float]]) {
        self.ws = ws
        self.noise = noise
    }
}

/// A synthesis network that can also differentiate its output: the forward pass records what
/// the backward pass needs (a tape), and the backward pass turns dL/dimage into dL/dws and
/// dL/dnoise. The noise inputs are explicit here, not `NoiseMode`, because the projector
/// optimises them.
public protocol DifferentiableSynthesis: SynthesisNetwork {
    /// What one forward pass keeps for its backward pass.
    associatedtype Tape

    /// The noise inputs, in the order `forward` takes them (empty for StyleGAN3).
    var noiseShapes: [NoiseShape] { get }

    /// The model's own fixed noise (`noise_const`), in `noiseShapes` order.
    var constantNoise: [[Float]] { get }

    /// The image `[imageChannels, imageHeight, imageWidth]` for `ws` (`numWs * wDim` values)
    /// with the given noise inputs, and the tape for `backward`.
    func forward(ws: [Float], noise: [[Float]]) -> (image: Tensor, tape: Tape)

    /// Gradients of a scalar loss L with respect to ws and the noise inputs, given
    /// dL/dimage (`imageChannels * imageHeight * imageWidth` values) for the recorded pass.
    func backward(_ tape: Tape, imageGradient: [Float]) -> SynthesisGradients
}

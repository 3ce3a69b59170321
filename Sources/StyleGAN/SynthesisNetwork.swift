/// How a synthesis network fills its noise inputs (StyleGAN2; StyleGAN3 has none).
public enum NoiseMode: String, Sendable, CaseIterable {
    /// The fixed `noise_const` buffers stored with the model.
    case const
    /// Fresh Gaussian noise, drawn from a seeded generator so runs stay reproducible.
    case random
    /// No noise at all.
    case none
}

/// The image half of a generator: ws `[numWs, wDim]` in, image `[channels, height, width]` out.
public protocol SynthesisNetwork: Sendable {
    var numWs: Int { get }
    var wDim: Int { get }
    var imageChannels: Int { get }
    var imageHeight: Int { get }
    var imageWidth: Int { get }

    /// The raw network output, float32 `[imageChannels, imageHeight, imageWidth]`, before any
    /// conversion to 8 bits. `ws` holds `numWs * wDim` values, row-major. `noiseSeed` seeds
    /// `NoiseMode.random` and is ignored otherwise.
    func synthesize(ws: [Float], noiseMode: NoiseMode, noiseSeed: UInt64) -> Tensor
}

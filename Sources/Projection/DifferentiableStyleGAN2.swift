import StyleGAN

/// A StyleGAN2 synthesis network with its reverse mode (`StyleGAN2Backward.swift` in the
/// engine), seen through the projector's protocol. Build it once per model: it precomputes the
/// transposed convolution weights.
public struct DifferentiableStyleGAN2: DifferentiableSynthesis {
    public let reverse: StyleGAN2ReverseMode
    public var network: StyleGAN2Synthesis { reverse.network }

    public init(_ network: StyleGAN2Synthesis) {
        reverse = StyleGAN2ReverseMode(network)
    }

    public var numWs: Int { network.numWs }
    public var wDim: Int { network.wDim }
    public var imageChannels: Int { network.imageChannels }
    public var imageHeight: Int { network.imageHeight }
    public var imageWidth: Int { network.imageWidth }
    public var noiseShapes: [NoiseShape] { network.noiseSizes.map { NoiseShape(height: $0.height, width: $0.width) } }
    public var constantNoise: [[Float]] { network.constantNoise }

    public func synthesize(ws: [Float], noiseMode: NoiseMode, noiseSeed: UInt64) -> Tensor {
        network.synthesize(ws: ws, noiseMode: noiseMode, noiseSeed: noiseSeed)
    }

    public func forward(ws: [Float], noise: [[Float]]) -> (image: Tensor, tape: StyleGAN2Tape) {
        network.recordingForward(ws: ws, noise: noise)
    }

    public func backward(_ tape: StyleGAN2Tape, imageGradient: [Float]) -> SynthesisGradients {
        let (ws, noise) = reverse.gradients(tape, imageGradient: imageGradient)
        return SynthesisGradients(ws: ws, noise: noise)
    }
}

import StyleGAN

/// StyleGAN2's reverse mode (in the engine, `StyleGAN2Backward.swift`) seen through the
/// projector's protocol.
extension StyleGAN2Synthesis: DifferentiableSynthesis {
    public var noiseShapes: [NoiseShape] { noiseResolutions.map { NoiseShape(height: $0, width: $0) } }

    public func forward(ws: [Float], noise: [[Float]]) -> (image: Tensor, tape: StyleGAN2Tape) {
        recordingForward(ws: ws, noise: noise)
    }

    public func backward(_ tape: StyleGAN2Tape, imageGradient: [Float]) -> SynthesisGradients {
        let (ws, noise) = gradients(tape, imageGradient: imageGradient)
        return SynthesisGradients(ws: ws, noise: noise)
    }
}

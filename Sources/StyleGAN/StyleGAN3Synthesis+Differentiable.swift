/// StyleGAN3 as a differentiable synthesis network: no noise inputs; the recording forward and
/// the reverse mode are the engine's (`StyleGAN3Recording.swift`, `StyleGAN3Backward.swift`).
extension StyleGAN3Synthesis: DifferentiableSynthesis {
    public var noiseShapes: [NoiseShape] { [] }
    public var constantNoise: [[Float]] { [] }

    public func forward(ws: [Float], noise: [[Float]]) -> (image: Tensor, tape: StyleGAN3Tape) {
        precondition(noise.isEmpty, "StyleGAN3 has no noise inputs")
        return recordingForward(ws: ws)
    }

    public func backward(_ tape: StyleGAN3Tape, imageGradient: [Float]) -> SynthesisGradients {
        SynthesisGradients(ws: gradients(tape, imageGradient: imageGradient), noise: [])
    }
}

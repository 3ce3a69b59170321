/// What one recorded StyleGAN2 forward pass keeps for the backward pass: the inputs and
/// outputs of every layer. Styles, demodulation and modulated weights are cheap and are
/// recomputed from `ws` instead.
public struct StyleGAN2Tape: Sendable {
    struct Block: Sendable {
        /// The block input (previous block's output); nil for the constant-input block.
        var conv0Input: [Float]? = nil
        /// The noise each conv added (already times its strength); nil without noise.
        var conv0Noise: [Float]? = nil
        var conv1Noise: [Float]?
        var conv1Input: [Float]
        var conv1Output: [Float]
        /// conv1 output plus the resnet shortcut (the same array without one).
        var output: [Float]
        /// The toRGB layer's own output, before it is added to the image.
        var rgb: [Float]? = nil
    }
    let ws: [Float]
    let blocks: [Block]
}

extension StyleGAN2Synthesis {
    /// The size of each noise input, in the order the layers use them (conv0 then conv1
    /// of each block); empty when the model has no noise.
    public var noiseShapes: [NoiseShape] {
        blocks.flatMap { block in
            [block.conv0, block.conv1].compactMap {
                $0?.scaledNoiseConst == nil ? nil : NoiseShape(height: block.height, width: block.width)
            }
        }
    }

    /// The stored `noise_const` buffers, in `noiseShapes` order.
    public var constantNoise: [[Float]] {
        blocks.flatMap { block in [block.conv0, block.conv1].compactMap { $0?.unscaledNoiseConst } }
    }

    /// The same pass as `synthesize` with the given (unscaled, `noise_const`-like) noise
    /// inputs, keeping every layer's activations for `gradients`.
    public func recordingForward(ws: [Float], noise: [[Float]]) -> (image: Tensor, tape: StyleGAN2Tape) {
        precondition(noise.count == noiseShapes.count, "one noise input per noisy layer")
        var noiseIndex = 0
        let (image, records) = run(ws: ws, recording: true) { layer in
            guard layer.scaledNoiseConst != nil else { return nil }
            defer { noiseIndex += 1 }
            return noise[noiseIndex].map { $0 * layer.noiseStrength }
        }
        return (image, StyleGAN2Tape(ws: ws, blocks: records))
    }
}

extension StyleGAN2ConvLayer {
    /// `noise_const` itself (the layer keeps it times its strength): the buffer the official
    /// projector optimises. Zero strength leaves it unrecoverable and irrelevant, so zeros.
    var unscaledNoiseConst: [Float]? {
        scaledNoiseConst.map { scaled in noiseStrength == 0 ? scaled.map { _ in 0 } : scaled.map { $0 / noiseStrength } }
    }
}

/// What one recorded StyleGAN3 forward pass keeps for the backward pass: each layer's input and
/// its biased convolution output (what the filtered leaky ReLU reads). Styles, modulated
/// weights and the up-sampled pre-activations are cheap to recompute and are not kept.
public struct StyleGAN3Tape: Sendable {
    struct Layer: Sendable {
        /// Dense `[inChannels, inSize, inSize]`.
        var input: [Float]
        /// Dense `[outChannels, inSize + kernel - 1, inSize + kernel - 1]`, bias added.
        var biasedConvolution: [Float]
    }
    let ws: [Float]
    let layers: [Layer]
}

extension StyleGAN3Synthesis {
    /// The image of `synthesize` (the very same pass), keeping what `gradients` needs.
    public func recordingForward(ws: [Float]) -> (image: Tensor, tape: StyleGAN3Tape) {
        var records: [StyleGAN3Tape.Layer] = []
        records.reserveCapacity(layers.count)
        var input: [Float] = []
        let hooks = LayerHooks(beforeLayer: { index, activations in
            input = Array(UnsafeBufferPointer(start: activations, count: layers[index].inputCount))
        }, afterLayer: { index, workspace in
            let layer = layers[index]
            let spec = layer.spec
            let layout = layer.convolution.layout(height: spec.inSize, width: spec.inSize)
            let (height, width) = (layout.outHeight, layout.outWidth)
            let convolutionOutput = workspace.buffers(for: layer).convolutionOutput
            var convolved = [Float](repeating: 0, count: spec.outChannels * height * width)
            convolved.withUnsafeMutableBufferPointer { dense in
                for channel in 0..<spec.outChannels {
                    for y in 0..<height {
                        (dense.baseAddress! + (channel * height + y) * width).update(
                            from: convolutionOutput + channel * layout.outputPlaneStride + y * layout.outputRowStride,
                            count: width)
                    }
                }
            }
            records.append(.init(input: input, biasedConvolution: convolved))
        })
        let image = run(ws: ws, hooks: hooks)
        return (image, StyleGAN3Tape(ws: ws, layers: records))
    }
}

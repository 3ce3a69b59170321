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
        let image = run(ws: ws) { index, input, workspace in
            let layer = layers[index]
            let spec = layer.spec
            let layout = layer.convolution.layout(height: spec.inSize, width: spec.inSize)
            let (height, width) = (layout.outHeight, layout.outWidth)
            var convolved = [Float](repeating: 0, count: spec.outChannels * height * width)
            convolved.withUnsafeMutableBufferPointer { dense in
                for channel in 0..<spec.outChannels {
                    for y in 0..<height {
                        (dense.baseAddress! + (channel * height + y) * width).update(
                            from: workspace.convolutionOutput + channel * layout.outputPlaneStride + y * layout.outputRowStride,
                            count: width)
                    }
                }
            }
            let inputCount = spec.inChannels * spec.inSize * spec.inSize
            records.append(.init(input: Array(UnsafeBufferPointer(start: input, count: inputCount)),
                                 biasedConvolution: convolved))
        }
        return (image, StyleGAN3Tape(ws: ws, layers: records))
    }
}

import BLAS

extension StyleGAN3Layer {
    /// dL/d(layer input) (when `needInput`) and dL/dw for this layer's w row, given
    /// dL/d(layer output) and what the forward recorded: back through the filtered leaky ReLU,
    /// the modulated convolution (by plain taps) and the style affine.
    func backward(_ record: StyleGAN3Tape.Layer, w: UnsafePointer<Float>, outputGradient: [Float],
                  needInput: Bool) -> (input: [Float]?, w: [Float]) {
        let convolutionGradient = filter.inputGradient(biasedInput: record.biasedConvolution, outputGradient: outputGradient)
        let gradients = convolution.backward(input: record.input, height: spec.inSize, width: spec.inSize,
                                             styles: styles(w: w), inputGain: inputGain,
                                             outputGradient: convolutionGradient, needInput: needInput)
        let affineGradient = styleGain == 1 ? gradients.styles : gradients.styles.map { $0 * styleGain }
        var wGradient = [Float](repeating: 0, count: wDim)
        affineWeight.withUnsafeBufferPointer { a in
            sgemv(transposeA: true, m: spec.inChannels, n: wDim, a: a.baseAddress!, lda: wDim, x: affineGradient, y: &wGradient)
        }
        return (gradients.input, wGradient)
    }
}

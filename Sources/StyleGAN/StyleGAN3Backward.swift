/// The reverse mode of a StyleGAN3 synthesis network: dL/dws from dL/dimage, through the
/// output scale, every layer (filtered leaky ReLU, modulated convolution, style affine) and
/// the Fourier-feature input.
extension StyleGAN3Synthesis {
    /// dL/dws (`numWs * wDim` values) for the pass `tape` recorded, given dL/dimage
    /// (`imageChannels * imageHeight * imageWidth` values).
    public func gradients(_ tape: StyleGAN3Tape, imageGradient: [Float]) -> [Float] {
        precondition(imageGradient.count == imageChannels * imageHeight * imageWidth, "image gradient has the wrong size")
        precondition(tape.layers.count == layers.count, "the tape is not from this network")
        var wsGradient = [Float](repeating: 0, count: numWs * wDim)
        let scale = architecture.outputScale
        var gradient = imageGradient.map { $0 * scale }
        tape.ws.withUnsafeBufferPointer { ws in
            for index in layers.indices.reversed() {
                let row = index + 1
                let (input, w) = layers[index].backward(tape.layers[index], w: ws.baseAddress! + row * wDim,
                                                        outputGradient: gradient, needInput: true)
                wsGradient.replaceSubrange(row * wDim ..< (row + 1) * wDim, with: w)
                gradient = input!
            }
            wsGradient.replaceSubrange(0 ..< wDim, with: input.wGradient(w: ws.baseAddress!, outputGradient: gradient))
        }
        return wsGradient
    }
}

import BLAS

/// What one recorded StyleGAN2 forward pass keeps for the backward pass: the inputs and
/// outputs of every layer. Styles, demodulation and modulated weights are cheap and are
/// recomputed from `ws` instead.
public struct StyleGAN2Tape: Sendable {
    struct Block: Sendable {
        /// The block input (previous block's output); nil for the constant-input block.
        var conv0Input: [Float]?
        /// The noise each conv added (already times its strength); nil without noise.
        var conv0Noise: [Float]?
        var conv1Noise: [Float]?
        var conv1Input: [Float]
        var conv1Output: [Float]
        /// conv1 output plus the resnet shortcut (the same array without one).
        var output: [Float]
        /// The toRGB layer's own output, before it is added to the image.
        var rgb: [Float]?
    }
    let ws: [Float]
    let blocks: [Block]
}

extension StyleGAN2Synthesis {
    /// The size of each noise input, in the order the layers use them (conv0 then conv1
    /// of each block); empty when the model has no noise.
    public var noiseSizes: [(height: Int, width: Int)] {
        blocks.flatMap { block in
            [block.conv0, block.conv1].compactMap { $0?.scaledNoiseConst == nil ? nil : (block.height, block.width) }
        }
    }

    /// The stored `noise_const` buffers, in `noiseSizes` order.
    public var constantNoise: [[Float]] {
        blocks.flatMap { block in [block.conv0, block.conv1].compactMap { $0?.unscaledNoiseConst } }
    }

    /// The same image as `synthesize` with the given (unscaled, `noise_const`-like) noise
    /// inputs, keeping every layer's activations for `backward`.
    public func recordingForward(ws: [Float], noise: [[Float]]) -> (image: Tensor, tape: StyleGAN2Tape) {
        precondition(ws.count == numWs * wDim, "ws must hold numWs x wDim = \(numWs) x \(wDim) values")
        precondition(noise.count == noiseSizes.count, "one noise input per noisy layer")
        let workspace = StyleGAN2Workspace(blocks: blocks, imageChannels: imageChannels, resampleFilter: spec.resampleFilter)
        func row(_ index: Int) -> ArraySlice<Float> { ws[index * wDim ..< (index + 1) * wDim] }
        var noiseIndex = 0
        func run(_ layer: StyleGAN2ConvLayer, _ input: [Float], _ w: ArraySlice<Float>, gain: Float) -> (output: [Float], noise: [Float]?) {
            var scaledNoise: [Float]?
            if layer.scaledNoiseConst != nil {
                scaledNoise = noise[noiseIndex].map { $0 * layer.noiseStrength }
                noiseIndex += 1
            }
            var output = [Float](repeating: 0, count: layer.outChannels * layer.height * layer.width)
            input.withUnsafeBufferPointer { x in
                output.withUnsafeMutableBufferPointer { y in
                    layer.forward(input: x.baseAddress!, output: y.baseAddress!, w: w, noise: scaledNoise, gain: gain, workspace: workspace)
                }
            }
            return (output, scaledNoise)
        }

        var records: [StyleGAN2Tape.Block] = []
        var image: [Float]?
        var previous: [Float] = []
        var wIndex = 0
        for block in blocks {
            var record: StyleGAN2Tape.Block
            if let constInput = block.constInput {
                let (out, noise1) = run(block.conv1, constInput, row(wIndex), gain: 1)
                record = .init(conv0Input: nil, conv0Noise: nil, conv1Noise: noise1, conv1Input: constInput,
                               conv1Output: out, output: out, rgb: nil)
            } else {
                let (a, noise0) = run(block.conv0!, previous, row(wIndex), gain: 1)
                let (out, noise1) = run(block.conv1, a, row(wIndex + 1), gain: block.skip == nil ? 1 : Float(0.5).squareRoot())
                var sum = out
                if let skip = block.skip {
                    sum = skip.forward(previous, height: block.inHeight, width: block.inWidth)
                    for i in sum.indices { sum[i] += out[i] }
                }
                record = .init(conv0Input: previous, conv0Noise: noise0, conv1Noise: noise1, conv1Input: a,
                               conv1Output: out, output: sum, rgb: nil)
            }
            if let toRGB = block.toRGB {
                var rgb = [Float](repeating: 0, count: imageChannels * block.plane)
                record.output.withUnsafeBufferPointer { features in
                    rgb.withUnsafeMutableBufferPointer { out in
                        toRGB.forward(features: features.baseAddress!, plane: block.plane, w: row(wIndex + block.numConv), output: out.baseAddress!)
                    }
                }
                if let before = image {
                    var upsampled = SeparableUpFIRDn.upsample2x(filter: spec.resampleFilter)
                        .planes(before, channels: imageChannels, height: block.inHeight, width: block.inWidth)
                    for i in upsampled.indices { upsampled[i] += rgb[i] }
                    image = upsampled
                } else {
                    image = rgb
                }
                record.rgb = rgb
            }
            previous = record.output
            records.append(record)
            wIndex += block.numConv
        }
        return (Tensor(shape: [imageChannels, imageHeight, imageWidth], data: image!), StyleGAN2Tape(ws: ws, blocks: records))
    }
}

extension StyleGAN2ResnetSkip {
    /// The shortcut of a block input `[inChannels, height, width]`.
    func forward(_ input: [Float], height: Int, width: Int) -> [Float] {
        let plane = height * width
        var projected = [Float](repeating: 0, count: outChannels * plane)
        sgemm(m: outChannels, n: plane, k: inChannels, a: weight, lda: inChannels, b: input, ldb: plane, c: &projected, ldc: plane)
        return upsample.planes(projected, channels: outChannels, height: height, width: width)
    }
}

extension StyleGAN2ConvLayer {
    /// `noise_const` itself (the layer keeps it times its strength): the buffer the official
    /// projector optimises. Zero strength leaves it unrecoverable and irrelevant, so zeros.
    var unscaledNoiseConst: [Float]? {
        scaledNoiseConst.map { scaled in noiseStrength == 0 ? scaled.map { _ in 0 } : scaled.map { $0 / noiseStrength } }
    }
}

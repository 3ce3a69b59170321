import BLAS

/// The reverse mode of a StyleGAN2 synthesis network: dL/dws and dL/dnoise from dL/dimage,
/// block by block through toRGB, the skip image's up-sampling, the resnet shortcut, clamp,
/// activation, bias, noise, the (transposed) convolutions with their filters, demodulation and
/// modulation. It works from the forward layers' own weights, transforming what it needs (the
/// transposed convolutions' Winograd weights) per layer into its workspace, so a projection
/// holds no second copy of the model.
extension StyleGAN2Synthesis: DifferentiableSynthesis {
    public func forward(ws: [Float], noise: [[Float]]) -> (image: Tensor, tape: StyleGAN2Tape) {
        recordingForward(ws: ws, noise: noise)
    }

    public func backward(_ tape: StyleGAN2Tape, imageGradient: [Float]) -> SynthesisGradients {
        let (ws, noise) = gradients(tape, imageGradient: imageGradient)
        return SynthesisGradients(ws: ws, noise: noise)
    }

    /// Gradients of a scalar L with respect to ws (`numWs * wDim`) and to each unscaled noise
    /// input (in `noiseShapes` order), given dL/dimage for the pass `tape` recorded.
    public func gradients(_ tape: StyleGAN2Tape, imageGradient: [Float]) -> (ws: [Float], noise: [[Float]]) {
        let result = backward(tape, imageGradient: imageGradient, needParameters: false)
        return (result.ws, result.noise)
    }

    /// dL/dws and dL/d(every parameter), the parameters by tensor name in their stored layout
    /// (`synthesis.b8.conv0.weight` [Cout, Cin, 3, 3], ...): what training needs.
    public func parameterGradients(_ tape: StyleGAN2Tape, imageGradient: [Float]) -> (ws: [Float], parameters: [String: [Float]]) {
        let result = backward(tape, imageGradient: imageGradient, needParameters: true)
        return (result.ws, result.parameters)
    }

    private func backward(_ tape: StyleGAN2Tape, imageGradient: [Float], needParameters: Bool)
        -> (ws: [Float], noise: [[Float]], parameters: [String: [Float]]) {
        precondition(imageGradient.count == imageChannels * imageHeight * imageWidth, "image gradient has the wrong size")
        precondition(tape.blocks.count == blocks.count, "the tape is not from this network")
        return withWorkspace { workspace in
            backward(tape, imageGradient: imageGradient, needParameters: needParameters, workspace: workspace)
        }
    }

    private func backward(_ tape: StyleGAN2Tape, imageGradient: [Float], needParameters: Bool, workspace: StyleGAN2Workspace)
        -> (ws: [Float], noise: [[Float]], parameters: [String: [Float]]) {
        let ws = tape.ws
        func row(_ index: Int) -> ArraySlice<Float> { ws[index * wDim ..< (index + 1) * wDim] }
        var result = StyleGAN2Gradients(ws: [Float](repeating: 0, count: ws.count),
                                        noise: noiseShapes.map { [Float](repeating: 0, count: $0.count) })
        let firstImage = blocks.firstIndex { $0.toRGB != nil } ?? blocks.count

        var imageGrad = imageGradient          // dL/d(image so far), at the current block's resolution
        var outputGrad: [Float]? = nil         // dL/d(block output), from the next block
        for index in blocks.indices.reversed() {
            let block = blocks[index], record = tape.blocks[index]
            var featureGrad = outputGrad ?? [Float](repeating: 0, count: block.outChannels * block.plane)
            if let toRGB = block.toRGB, let rgb = record.rgb {
                let wRow = block.firstW + block.numConv
                let (features, wGrad, layer) = toRGB.backward(features: record.output, output: rgb, plane: block.plane,
                                                              w: row(wRow), gradient: imageGrad, needParameters: needParameters)
                for i in featureGrad.indices { featureGrad[i] += features[i] }
                result.addRow(wRow, wGrad, wDim: wDim)
                if let layer {
                    let prefix = "\(block.name).torgb"
                    result.parameters["\(prefix).weight"] = layer.weight
                    result.parameters["\(prefix).bias"] = layer.bias
                    result.parameters["\(prefix).affine.weight"] = layer.affineWeight
                    result.parameters["\(prefix).affine.bias"] = layer.affineBias
                }
                if index > firstImage {
                    imageGrad = SeparableUpFIRDn.upsample2x(filter: spec.resampleFilter)
                        .adjointPlanes(imageGrad, channels: imageChannels, height: block.inHeight, width: block.inWidth)
                }
            }
            outputGrad = block.backward(record, outputGradient: featureGrad, ws: row, wDim: wDim,
                                        needParameters: needParameters, into: &result, workspace: workspace)
        }
        return (result.ws, result.noise, result.parameters)
    }
}

/// The gradients one backward pass gathers, block by block.
struct StyleGAN2Gradients {
    var ws: [Float]
    var noise: [[Float]]
    var parameters: [String: [Float]] = [:]

    mutating func addRow(_ index: Int, _ gradient: [Float], wDim: Int) {
        for j in 0..<wDim { ws[index * wDim + j] += gradient[j] }
    }

    /// A conv layer's w row, noise input and (when computed) parameter gradients.
    mutating func add(_ layer: StyleGAN2ConvLayer.Gradients, of conv: StyleGAN2ConvLayer, prefix: String,
                      wRow: Int, noiseIndex: Int, wDim: Int) {
        addRow(wRow, layer.w, wDim: wDim)
        if let g = layer.noise { noise[noiseIndex] = g }
        guard let gradients = layer.parameters else { return }
        parameters["\(prefix).weight"] = gradients.weight
        parameters["\(prefix).bias"] = gradients.bias
        parameters["\(prefix).affine.weight"] = gradients.affineWeight
        parameters["\(prefix).affine.bias"] = gradients.affineBias
        if conv.scaledNoiseConst != nil { parameters["\(prefix).noise_strength"] = [gradients.noiseStrength] }
    }
}

extension StyleGAN2Block {
    /// Reverse mode of the block's convolutions and resnet shortcut, given dL/d(block output):
    /// adds the w rows', noise inputs' and (when asked) parameters' gradients to `gradients`
    /// and returns dL/d(block input), nil for the constant-input block.
    func backward(_ record: StyleGAN2Tape.Block, outputGradient: [Float], ws row: (Int) -> ArraySlice<Float>, wDim: Int,
                  needParameters: Bool, into gradients: inout StyleGAN2Gradients, workspace: StyleGAN2Workspace) -> [Float]? {
        let conv1Noise = firstNoise + (conv0?.scaledNoiseConst != nil ? 1 : 0)
        if constInput != nil {
            let conv1 = self.conv1.backward(input: record.conv1Input, output: record.conv1Output, noise: record.conv1Noise,
                                            w: row(firstW), gain: 1, gradient: outputGradient, needInput: needParameters,
                                            needParameters: needParameters, workspace: workspace)
            gradients.add(conv1, of: self.conv1, prefix: "\(name).conv1", wRow: firstW, noiseIndex: conv1Noise, wDim: wDim)
            if needParameters, let constGradient = conv1.input { gradients.parameters["\(name).const"] = constGradient }
            return nil
        }
        guard let conv0, let blockInput = record.conv0Input else { preconditionFailure("block without input") }
        var skipGradient: [Float]? = nil
        var gain: Float = 1
        if let skip {
            precondition(!needParameters, "parameter gradients of resnet shortcuts are not implemented")
            skipGradient = skip.backward(outputGradient, height: inHeight, width: inWidth)
            gain = Float(0.5).squareRoot()
        }
        let conv1 = self.conv1.backward(input: record.conv1Input, output: record.conv1Output, noise: record.conv1Noise,
                                        w: row(firstW + 1), gain: gain, gradient: outputGradient, needInput: true,
                                        needParameters: needParameters, workspace: workspace)
        gradients.add(conv1, of: self.conv1, prefix: "\(name).conv1", wRow: firstW + 1, noiseIndex: conv1Noise, wDim: wDim)
        let first = conv0.backward(input: blockInput, output: record.conv1Input, noise: record.conv0Noise,
                                   w: row(firstW), gain: 1, gradient: conv1.input!, needInput: true,
                                   needParameters: needParameters, workspace: workspace)
        gradients.add(first, of: conv0, prefix: "\(name).conv0", wRow: firstW, noiseIndex: firstNoise, wDim: wDim)
        var inputGradient = first.input!
        if let skipGradient { for i in inputGradient.indices { inputGradient[i] += skipGradient[i] } }
        return inputGradient
    }
}

extension Activation {
    /// d act(x) / dx, read from the sign of the output (which act preserves for x != 0).
    @inline(__always)
    func slope(atOutput y: Float) -> Float {
        switch self {
        case .linear: return 1
        case .relu: return y > 0 ? 1 : 0
        case .lrelu: return y > 0 ? 1 : 0.2
        }
    }
}

extension FullyConnectedLayer {
    /// dL/dx of a linear layer for dL/dy (the bias and activation are not differentiated here:
    /// the affine layers that take w are linear).
    func inputGradient(_ gradient: [Float]) -> [Float] {
        precondition(activation == .linear, "only linear layers are differentiated")
        var x = [Float](repeating: 0, count: inFeatures)
        sgemv(transposeA: true, m: outFeatures, n: inFeatures, a: weight, lda: inFeatures, x: gradient, y: &x)
        return x
    }
}

extension StyleGAN2ConvLayer {
    struct Gradients {
        var input: [Float]?
        var w: [Float]
        var noise: [Float]?
        /// Only when asked for (training).
        var parameters: ConvLayerParameterGradients?
    }

    /// Reverse mode of `forward`, which computes
    ///   output = clamp(act(conv(input * s, W) * d + noise + bias) * gain),
    /// s = affine(w), d[o] = 1/sqrt(sum_i n[o,i] s[i]^2 + 1e-8): from dL/doutput (`output` and
    /// `noise`, times its strength, as the forward pass had them) to dL/dinput, dL/dw and
    /// dL/dnoise of the unscaled noise input.
    func backward(input: [Float], output: [Float], noise: [Float]?, w: ArraySlice<Float>, gain: Float,
                  gradient: [Float], needInput: Bool, needParameters: Bool = false,
                  workspace: StyleGAN2Workspace) -> Gradients {
        let plane = height * width
        let inHeight = up ? height / 2 : height, inWidth = up ? width / 2 : width, inPlane = inHeight * inWidth
        let styles = affine(Array(w))
        let demodulation = demodulation(styles: styles)

        var convolved = [Float](unsafeUninitializedCapacity: output.count) { buffer, count in
            count = output.count
        }
        let epilogue = convolved.withUnsafeMutableBufferPointer { convolved in
            epilogueBackward(output: output, noise: noise, gradient: gradient, gain: gain, demodulation: demodulation,
                             into: convolved.baseAddress!)
        }
        let demodulationGradient = epilogue.demodulation

        // dL/d(input * s): the transposed convolution of dL/d(conv output), which writes every
        // value (no zero fill first).
        var scaledGradient = [Float](unsafeUninitializedCapacity: inChannels * inPlane) { _, count in
            count = inChannels * inPlane
        }
        var weightGradient: [Float]? = nil
        let scaledInput = needParameters && up ? styleScaled(input, styles: styles) : []
        switch algorithm {
        case .transposed:
            // Back through the low-pass filter and the scatter, then the tap GEMM.
            let products = convolved.withUnsafeBufferPointer { upsamplingProductGradient($0.baseAddress!, workspace: workspace) }
            tapWeights.withUnsafeBufferPointer { taps in
                scaledGradient.withUnsafeMutableBufferPointer { c in
                    ParallelGEMM.sgemmBlocks(transposeA: true, m: inChannels, n: inPlane, k: 9 * outChannels, a: taps.baseAddress!,
                                             lda: inChannels, b: products, ldb: inPlane, accumulate: false,
                                             c: c.baseAddress!, ldc: inPlane)
                }
            }
            if needParameters {
                // dL/dW[k, o, i] = sum over input pixels of products[k, o] * (input * s)[i].
                var taps = [Float](repeating: 0, count: 9 * outChannels * inChannels)
                sgemm(transposeB: true, m: 9 * outChannels, n: inChannels, k: inPlane, a: products, lda: inPlane,
                      b: scaledInput, ldb: inPlane, c: &taps, ldc: inChannels)
                weightGradient = taps
            }
        case .winograd:
            // The transpose of a same-size 3x3 convolution is one with the kernel flipped and
            // the channel roles swapped, run with the forward pass's Winograd kernel: the flipped
            // kernel's transform in the forward layout, which the GEMMs read transposed.
            let u = workspace.winogradWeights.pointer
            tapWeights.withUnsafeBufferPointer { taps in
                Winograd.transformWeights(taps: taps.baseAddress!, pairs: inChannels * outChannels, flipped: true,
                                          into: u, workers: workspace.workers)
            }
            let ones = [Float](repeating: 1, count: outChannels)
            let bandFloats = winogradBandFloats(workspace: workspace)
            convolved.withUnsafeBufferPointer { g in
                Winograd.convolve(input: g.baseAddress!, inChannels: outChannels, height: height, width: width, inputScale: ones,
                                  u: u, transposedWeights: true, outChannels: inChannels, output: &scaledGradient,
                                  tiles: workspace.tiles.pointer, products: workspace.products.pointer,
                                  tileCapacity: bandFloats, productCapacity: bandFloats,
                                  rows: workspace.scratch.pointer, workers: workspace.workers)
            }
        case .taps:
            // Below 32x32, or sides Winograd's 4x4 tiles do not divide: the same transposed convolution as a tap GEMM.
            let products = workspace.products.pointer
            tapWeights.withUnsafeBufferPointer { taps in
                TransposedConvolution.flippedTransposedProducts(gradient: convolved, outChannels: outChannels,
                                                                height: height, width: width, tapWeights: taps.baseAddress!,
                                                                inChannels: inChannels, into: products)
            }
            scaledGradient.withUnsafeMutableBufferPointer { out in
                parallelFor(inChannels, work: 9 * inChannels * plane) { i in
                    TapConvolution.gather(products: products, channel: i, outChannels: inChannels, height: height, width: width,
                                          into: out.baseAddress! + i * plane)
                }
            }
        }

        if needParameters && !up {
            weightGradient = sameSizeTapGradient(convolved, input: input, styles: styles, height: height, width: width)
        }

        // input * s: dL/dinput = s * g, dL/ds = sum over pixels of input * g; plus d's own path,
        // dd[o]/ds[i] = -d[o]^3 n[o,i] s[i].
        var inputGradient = [Float](unsafeUninitializedCapacity: needInput ? input.count : 0) { _, count in
            count = needInput ? input.count : 0
        }
        var styleGradient = input.withUnsafeBufferPointer { input in
            scaledGradient.withUnsafeBufferPointer { g in
                inputGradient.withUnsafeMutableBufferPointer { dx in
                    OrderedChannelSums.sums(channels: inChannels, count: inPlane, sums: 1) { i, range, terms in
                        let s = styles[i], channel = i * inPlane
                        for p in range { terms[p - range.lowerBound] = input[channel + p] * g[channel + p] }
                        if needInput { for p in range { dx[channel + p] = g[channel + p] * s } }
                    }
                }
            }
        }[0]
        for o in 0..<outChannels {
            let d = demodulation[o]
            let chain = -demodulationGradient[o] * d * d * d
            for i in 0..<inChannels { styleGradient[i] += chain * squaredNorms[o * inChannels + i] * styles[i] }
        }
        var parameters: ConvLayerParameterGradients? = nil
        if let weightGradient {
            let (affineWeight, affineBias) = affine.parameterGradients(input: Array(w), outputGradient: styleGradient)
            parameters = ConvLayerParameterGradients(
                weight: storedWeightGradient(tapGradient: weightGradient, styles: styles, demodulation: demodulation,
                                             demodulationGradient: demodulationGradient),
                bias: epilogue.bias, affineWeight: affineWeight, affineBias: affineBias,
                noiseStrength: epilogue.noiseStrength)
        }
        return Gradients(input: needInput ? inputGradient : nil, w: affine.inputGradient(styleGradient),
                         noise: epilogue.noise, parameters: parameters)
    }
}

extension StyleGAN2ToRGBLayer {
    /// Reverse mode of `forward`: dL/dfeatures and dL/dw for dL/doutput.
    func backward(features: [Float], output: [Float], plane: Int, w: ArraySlice<Float>, gradient: [Float],
                  needParameters: Bool = false) -> (features: [Float], w: [Float], parameters: ToRGBParameterGradients?) {
        let weightGain = 1 / Float(inChannels).squareRoot()
        let styles = affine(Array(w)).map { $0 * weightGain }
        var modulated = [Float](repeating: 0, count: imageChannels * inChannels)
        for c in 0..<imageChannels {
            for i in 0..<inChannels { modulated[c * inChannels + i] = weight[c * inChannels + i] * styles[i] }
        }
        let clamp = convClamp ?? .infinity
        var passed = gradient
        for i in passed.indices where !(abs(output[i]) < clamp) { passed[i] = 0 }
        var featureGradient = [Float](repeating: 0, count: inChannels * plane)
        sgemm(transposeA: true, m: inChannels, n: plane, k: imageChannels, a: modulated, lda: inChannels,
              b: passed, ldb: plane, c: &featureGradient, ldc: plane)
        var modulatedGradient = [Float](repeating: 0, count: imageChannels * inChannels)
        sgemm(transposeB: true, m: imageChannels, n: inChannels, k: plane, a: passed, lda: plane,
              b: features, ldb: plane, c: &modulatedGradient, ldc: inChannels)
        var styleGradient = [Float](repeating: 0, count: inChannels)
        for c in 0..<imageChannels {
            for i in 0..<inChannels { styleGradient[i] += modulatedGradient[c * inChannels + i] * weight[c * inChannels + i] * weightGain }
        }
        var parameters: ToRGBParameterGradients? = nil
        if needParameters {
            let (affineWeight, affineBias) = affine.parameterGradients(input: Array(w), outputGradient: styleGradient)
            var weightGradient = modulatedGradient
            for c in 0..<imageChannels { for i in 0..<inChannels { weightGradient[c * inChannels + i] *= styles[i] } }
            let biasGradient = (0..<imageChannels).map { c in passed[c * plane ..< (c + 1) * plane].reduce(0, +) }
            parameters = ToRGBParameterGradients(weight: weightGradient, bias: biasGradient,
                                                 affineWeight: affineWeight, affineBias: affineBias)
        }
        return (featureGradient, affine.inputGradient(styleGradient), parameters)
    }
}

extension StyleGAN2ResnetSkip {
    /// dL/d(block input) through the shortcut, for dL/d(block output).
    func backward(_ gradient: [Float], height inHeight: Int, width inWidth: Int) -> [Float] {
        let inPlane = inHeight * inWidth
        let projected = upsample.adjointPlanes(gradient, channels: outChannels, height: inHeight, width: inWidth)
        var input = [Float](repeating: 0, count: inChannels * inPlane)
        sgemm(transposeA: true, m: inChannels, n: inPlane, k: outChannels, a: weight, lda: inChannels,
              b: projected, ldb: inPlane, c: &input, ldc: inPlane)
        return input
    }
}

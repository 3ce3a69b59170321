import BLAS

/// Reverse mode of the StyleGAN2 synthesis network: dL/dws and dL/dnoise from dL/dimage, layer
/// by layer through toRGB, the skip image's up-sampling, the resnet shortcut, clamp, activation,
/// bias, noise, the (transposed) convolutions with their filters, demodulation and modulation.
extension StyleGAN2Synthesis {
    /// Gradients of a scalar L with respect to ws (`numWs * wDim`) and to each unscaled noise
    /// input (in `noiseResolutions` order), given dL/dimage for the pass `tape` recorded.
    public func gradients(_ tape: StyleGAN2Tape, imageGradient: [Float]) -> (ws: [Float], noise: [[Float]]) {
        precondition(imageGradient.count == imageChannels * imageHeight * imageWidth, "image gradient has the wrong size")
        let ws = tape.ws
        func row(_ index: Int) -> ArraySlice<Float> { ws[index * wDim ..< (index + 1) * wDim] }
        var wsGradient = [Float](repeating: 0, count: ws.count)
        func addRow(_ index: Int, _ gradient: [Float]) {
            for j in 0..<wDim { wsGradient[index * wDim + j] += gradient[j] }
        }
        var noiseGradients = noiseResolutions.map { [Float](repeating: 0, count: $0 * $0) }

        // Where each block's w rows and noise inputs start, and whether an image exists before it.
        var wStart: [Int] = [], noiseStart: [Int] = [], imageBefore: [Bool] = []
        var w = 0, n = 0, hasImage = false
        for block in blocks {
            wStart.append(w); noiseStart.append(n); imageBefore.append(hasImage)
            w += block.numConv
            n += [block.conv0, block.conv1].filter { $0?.noiseConst != nil }.count
            hasImage = hasImage || block.toRGB != nil
        }

        var imageGrad = imageGradient          // dL/d(image so far), at the current block's resolution
        var outputGrad: [Float]? = nil         // dL/d(block output), from the next block
        for index in blocks.indices.reversed() {
            let block = blocks[index], record = tape.blocks[index]
            let res = block.resolution, plane = res * res
            var featureGrad = outputGrad ?? [Float](repeating: 0, count: block.outChannels * plane)
            if let toRGB = block.toRGB, let rgb = record.rgb {
                let (features, wGrad) = toRGB.backward(features: record.output, output: rgb, plane: plane,
                                                        w: row(wStart[index] + block.numConv), gradient: imageGrad)
                for i in featureGrad.indices { featureGrad[i] += features[i] }
                addRow(wStart[index] + block.numConv, wGrad)
                if imageBefore[index] {
                    imageGrad = SeparableUpFIRDn.upsample2x(filter: spec.resampleFilter)
                        .adjointPlanes(imageGrad, channels: imageChannels, size: res / 2)
                }
            }
            let noiseIndex1 = noiseStart[index] + (block.conv0?.noiseConst != nil ? 1 : 0)
            if block.constInput != nil {
                let conv1 = block.conv1.backward(input: record.conv1Input, output: record.conv1Output,
                                                 w: row(wStart[index]), gain: 1, gradient: featureGrad, needInput: false)
                addRow(wStart[index], conv1.w)
                if let g = conv1.noise { noiseGradients[noiseIndex1] = g }
                outputGrad = nil
                continue
            }
            guard let conv0 = block.conv0, let blockInput = record.conv0Input else { preconditionFailure("block without input") }
            var inputGrad: [Float]? = nil
            var gain: Float = 1
            if let skip = block.skip {
                inputGrad = skip.backward(featureGrad, resolution: res / 2)
                gain = Float(0.5).squareRoot()
            }
            let conv1 = block.conv1.backward(input: record.conv1Input, output: record.conv1Output,
                                             w: row(wStart[index] + 1), gain: gain, gradient: featureGrad, needInput: true)
            addRow(wStart[index] + 1, conv1.w)
            if let g = conv1.noise { noiseGradients[noiseIndex1] = g }
            let first = conv0.backward(input: blockInput, output: record.conv1Input, w: row(wStart[index]), gain: 1,
                                       gradient: conv1.input!, needInput: true)
            addRow(wStart[index], first.w)
            if let g = first.noise { noiseGradients[noiseStart[index]] = g }
            var grad = first.input!
            if let extra = inputGrad { for i in grad.indices { grad[i] += extra[i] } }
            outputGrad = grad
        }
        return (wsGradient, noiseGradients)
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
    }

    /// Reverse mode of `forward`: from dL/doutput (`output` is what `forward` produced) to dL/dinput,
    /// dL/dw and dL/dnoise (of the unscaled noise input).
    func backward(input: [Float], output: [Float], w: ArraySlice<Float>, gain: Float, gradient: [Float],
                  needInput: Bool) -> Gradients {
        let plane = resolution * resolution
        let inRes = up ? resolution / 2 : resolution, inPlane = inRes * inRes

        // Clamp, activation gain and slope; the clamp passes no gradient where it cut.
        let totalGain = activation.defaultGain * gain
        let clamp = convClamp.map { $0 * gain } ?? .infinity
        var pre = [Float](repeating: 0, count: output.count)
        for i in pre.indices {
            let y = output[i]
            pre[i] = abs(y) < clamp ? gradient[i] * totalGain * activation.slope(atOutput: y) : 0
        }
        var noiseGradient: [Float]?
        if noiseConst != nil {
            var g = [Float](repeating: 0, count: plane)
            for o in 0..<outChannels { for p in 0..<plane { g[p] += pre[o * plane + p] } }
            noiseGradient = g.map { $0 * noiseStrength }
        }

        // The modulated weights, in the layout the forward convolution used.
        let styles = affine(Array(w))
        var modulated = [Float](repeating: 0, count: outChannels * inChannels * 9)
        modulatedWeights(w: w, into: &modulated)

        // dL/d(modulated weights) as [Cout, Cin, 9], and dL/dinput.
        var weightGradient = [Float](repeating: 0, count: outChannels * inChannels * 9)
        var inputGradient: [Float]?
        if up {
            let full = 2 * inRes + 1
            // Back through the low-pass filter, then gather each tap's products.
            let planes = upFilter.adjointPlanes(pre, channels: outChannels, size: full)
            var products = [Float](repeating: 0, count: 9 * outChannels * inPlane)
            for k in 0..<9 {
                let ky = k / 3, kx = k % 3
                for o in 0..<outChannels {
                    let target = ((k * outChannels) + o) * inPlane
                    for y in 0..<inRes {
                        for x in 0..<inRes { products[target + y * inRes + x] = planes[o * full * full + (2 * y + ky) * full + 2 * x + kx] }
                    }
                }
            }
            if needInput {
                var dx = [Float](repeating: 0, count: inChannels * inPlane)
                sgemm(transposeA: true, m: inChannels, n: inPlane, k: 9 * outChannels, a: modulated, lda: inChannels,
                      b: products, ldb: inPlane, c: &dx, ldc: inPlane)
                inputGradient = dx
            }
            var tapGradient = [Float](repeating: 0, count: 9 * outChannels * inChannels)
            sgemm(transposeB: true, m: 9 * outChannels, n: inChannels, k: inPlane, a: products, lda: inPlane,
                  b: input, ldb: inPlane, c: &tapGradient, ldc: inChannels)
            for k in 0..<9 {
                for o in 0..<outChannels {
                    for i in 0..<inChannels { weightGradient[(o * inChannels + i) * 9 + k] = tapGradient[(k * outChannels + o) * inChannels + i] }
                }
            }
        } else {
            if needInput {
                // The transpose of a same-size 3x3 convolution is one with the kernel flipped
                // and the channel roles swapped.
                var flipped = [Float](repeating: 0, count: inChannels * outChannels * 9)
                for o in 0..<outChannels {
                    for i in 0..<inChannels {
                        for k in 0..<9 { flipped[(i * outChannels + o) * 9 + 8 - k] = modulated[(o * inChannels + i) * 9 + k] }
                    }
                }
                var dx = [Float](repeating: 0, count: inChannels * plane)
                let capacity = max(outChannels * 9 * resolution, min(outChannels * 9 * plane, 1 << 22))
                var columns = [Float](repeating: 0, count: capacity)
                Convolution.same3x3(input: pre, inChannels: outChannels, height: resolution, width: resolution,
                                    weights: flipped, outChannels: inChannels, output: &dx,
                                    columns: &columns, columnCapacity: capacity)
                inputGradient = dx
            }
            // One GEMM per tap against the input shifted by that tap.
            var shifted = [Float](repeating: 0, count: inChannels * plane)
            var tapGradient = [Float](repeating: 0, count: outChannels * inChannels)
            for k in 0..<9 {
                let dy = k / 3 - 1, dx = k % 3 - 1
                for i in 0..<inChannels {
                    for y in 0..<resolution {
                        let sy = y + dy
                        for x in 0..<resolution {
                            let sx = x + dx
                            shifted[i * plane + y * resolution + x] = sy >= 0 && sy < resolution && sx >= 0 && sx < resolution
                                ? input[i * plane + sy * resolution + sx] : 0
                        }
                    }
                }
                sgemm(transposeB: true, m: outChannels, n: inChannels, k: plane, a: pre, lda: plane,
                      b: shifted, ldb: plane, c: &tapGradient, ldc: inChannels)
                for o in 0..<outChannels {
                    for i in 0..<inChannels { weightGradient[(o * inChannels + i) * 9 + k] = tapGradient[o * inChannels + i] }
                }
            }
        }

        // Back through W'[o,i,k] = W[o,i,k] s[i] d[o], d[o] = (sum_ik (W s)^2 + 1e-8)^-1/2.
        var styleGradient = [Float](repeating: 0, count: inChannels)
        for o in 0..<outChannels {
            var sumSquares: Float = 0
            var demodulationGradient: Float = 0
            var perInput = [Float](repeating: 0, count: inChannels)   // sum_k dW' W
            var squares = [Float](repeating: 0, count: inChannels)    // sum_k W^2
            for i in 0..<inChannels {
                var t: Float = 0, q: Float = 0
                for k in 0..<9 {
                    let raw = weight[(o * inChannels + i) * 9 + k]
                    t += weightGradient[(o * inChannels + i) * 9 + k] * raw
                    q += raw * raw
                }
                perInput[i] = t
                squares[i] = q
                sumSquares += q * styles[i] * styles[i]
                demodulationGradient += t * styles[i]
            }
            let d = 1 / (sumSquares + 1e-8).squareRoot()
            let chain = -demodulationGradient * d * d * d
            for i in 0..<inChannels { styleGradient[i] += perInput[i] * d + chain * styles[i] * squares[i] }
        }
        return Gradients(input: inputGradient, w: affine.inputGradient(styleGradient), noise: noiseGradient)
    }
}

extension StyleGAN2ToRGBLayer {
    /// Reverse mode of `forward`: dL/dfeatures and dL/dw for dL/doutput.
    func backward(features: [Float], output: [Float], plane: Int, w: ArraySlice<Float>, gradient: [Float]) -> (features: [Float], w: [Float]) {
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
        return (featureGradient, affine.inputGradient(styleGradient))
    }
}

extension StyleGAN2ResnetSkip {
    /// dL/d(block input) through the shortcut, for dL/d(block output).
    func backward(_ gradient: [Float], resolution inRes: Int) -> [Float] {
        let inPlane = inRes * inRes
        let projected = upsample.adjointPlanes(gradient, channels: outChannels, size: inRes)
        var input = [Float](repeating: 0, count: inChannels * inPlane)
        sgemm(transposeA: true, m: inChannels, n: inPlane, k: outChannels, a: weight, lda: inChannels,
              b: projected, ldb: inPlane, c: &input, ldc: inPlane)
        return input
    }
}

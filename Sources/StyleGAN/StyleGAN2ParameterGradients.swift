import BLAS

/// dL/d(parameters) of one modulated convolution layer, in the stored layouts.
struct ConvLayerParameterGradients {
    /// [Cout, Cin, 3, 3].
    var weight: [Float]
    var bias: [Float]
    /// [Cin, wDim] and [Cin].
    var affineWeight: [Float]
    var affineBias: [Float]
    var noiseStrength: Float
}

/// dL/d(parameters) of one toRGB layer, in the stored layouts.
struct ToRGBParameterGradients {
    /// [C, Cin] (stored [C, Cin, 1, 1]).
    var weight: [Float]
    var bias: [Float]
    var affineWeight: [Float]
    var affineBias: [Float]
}

extension StyleGAN2ConvLayer {
    /// The layer input scaled per channel by its style, the input of the convolution proper.
    func styleScaled(_ input: [Float], styles: [Float]) -> [Float] {
        let plane = input.count / inChannels
        return [Float](unsafeUninitializedCapacity: input.count) { scaled, count in
            for i in 0..<inChannels { for p in i * plane ..< (i + 1) * plane { scaled[p] = input[p] * styles[i] } }
            count = input.count
        }
    }

    /// dL/dW in tap-major layout [9 * Cout, Cin] of a same-size convolution
    /// out[o, y, x] = sum_k sum_i W[k, o, i] (x s)[i, y + ky - 1, x + kx - 1]: for each tap, one
    /// GEMM of the output gradient with the style-scaled input shifted by that tap.
    ///
    /// No shifted copies: rows are padded to width + 2, the scaled input with a zero border all
    /// round, the gradient with two zero columns per row. Tap (ky, kx)'s shifted input is then
    /// the padded input read from ky * (width + 2) + kx on, and the terms that run into the next
    /// row meet the gradient's zero columns.
    func sameSizeTapGradient(_ outputGradient: [Float], input: [Float], styles: [Float], height: Int, width: Int) -> [Float] {
        let plane = height * width, paddedWidth = width + 2, rows = height * paddedWidth
        // The last tap reads two floats past the padded plane (multiplied by gradient zeros).
        let inputStride = (height + 2) * paddedWidth + 2
        var paddedInput = [Float](repeating: 0, count: inChannels * inputStride)
        var paddedGradient = [Float](repeating: 0, count: outChannels * rows)
        for i in 0..<inChannels {
            let s = styles[i]
            for y in 0..<height {
                let target = i * inputStride + (y + 1) * paddedWidth + 1, source = i * plane + y * width
                for x in 0..<width { paddedInput[target + x] = input[source + x] * s }
            }
        }
        for o in 0..<outChannels {
            for y in 0..<height {
                let target = o * rows + y * paddedWidth, source = o * plane + y * width
                for x in 0..<width { paddedGradient[target + x] = outputGradient[source + x] }
            }
        }
        var taps = [Float](repeating: 0, count: 9 * outChannels * inChannels)
        paddedInput.withUnsafeBufferPointer { x in
            taps.withUnsafeMutableBufferPointer { out in
                for k in 0..<9 {
                    sgemm(transposeB: true, m: outChannels, n: inChannels, k: rows, a: paddedGradient, lda: rows,
                          b: x.baseAddress! + (k / 3) * paddedWidth + k % 3, ldb: inputStride,
                          c: out.baseAddress! + k * outChannels * inChannels, ldc: inChannels)
                }
            }
        }
        return taps
    }

    /// dL/dW in the stored [Cout, Cin, 3, 3] layout: the convolution's own tap gradient plus the
    /// demodulation's, d[o] = (sum_{i,k} W[o,i,k]^2 s[i]^2 + 1e-8)^(-1/2), dd[o]/dW[o,i,k] = -d^3 W s^2.
    func storedWeightGradient(tapGradient: [Float], styles: [Float], demodulation: [Float],
                              demodulationGradient: [Float]) -> [Float] {
        var stored = [Float](repeating: 0, count: 9 * outChannels * inChannels)
        for o in 0..<outChannels {
            let d = demodulation[o], chain = -demodulationGradient[o] * d * d * d
            for i in 0..<inChannels {
                let demodulationScale = chain * styles[i] * styles[i]
                for k in 0..<9 {
                    let tap = (k * outChannels + o) * inChannels + i
                    stored[(o * inChannels + i) * 9 + k] = tapGradient[tap] + demodulationScale * tapWeights[tap]
                }
            }
        }
        return stored
    }
}

extension FullyConnectedLayer {
    /// dL/dweight (stored layout [out, in]) and dL/dbias of the linear part y = x W^T + b, for the
    /// input x and dL/dy, through the equalised-learning-rate gains folded into this layer.
    func parameterGradients(input: [Float], outputGradient: [Float]) -> (weight: [Float], bias: [Float]) {
        var weight = [Float](repeating: 0, count: outFeatures * inFeatures)
        for o in 0..<outFeatures {
            let g = outputGradient[o] * weightGain
            if g == 0 { continue }
            for i in 0..<inFeatures { weight[o * inFeatures + i] = g * input[i] }
        }
        return (weight, outputGradient.map { $0 * biasGain })
    }
}

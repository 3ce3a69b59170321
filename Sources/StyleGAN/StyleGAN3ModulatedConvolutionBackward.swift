import BLAS

/// The reverse mode of `modulated_conv2d` for one image, by plain GEMMs per kernel tap on the
/// same zero-padded layout the forward's direct path uses: dL/d(modulated weights) and
/// dL/d(input) from dL/d(output), then through demodulation and style normalisation to
/// dL/d(styles).
extension StyleGAN3ModulatedConvolution {
    struct Gradients {
        /// Dense `[in, height, width]`; nil when not asked for.
        var input: [Float]?
        /// One per input channel.
        var styles: [Float]
    }

    /// - Parameters:
    ///   - input: the forward's dense `[in, height, width]` input.
    ///   - outputGradient: dense `[out, height + kernel - 1, width + kernel - 1]`.
    func backward(input: [Float], height: Int, width: Int, styles: [Float], inputGain: Float,
                  outputGradient: [Float], needInput: Bool) -> Gradients {
        let layout = tapLayout(height: height, width: width)
        let (paddedWidth, planeStride) = (layout.paddedWidth, layout.planeStride)
        let columns = layout.outputPlaneStride
        precondition(outputGradient.count == outChannels * layout.outHeight * layout.outWidth, "output gradient has the wrong size")

        var padded = [Float](repeating: 0, count: inChannels * planeStride)
        input.withUnsafeBufferPointer { x in
            padded.withUnsafeMutableBufferPointer { pad(x.baseAddress!, height: height, width: width, layout: layout, into: $0.baseAddress!) }
        }
        // The gradient in the forward's wide output rows; the discarded columns get zero.
        var wideGradient = [Float](repeating: 0, count: outChannels * columns)
        for out in 0..<outChannels {
            for y in 0..<layout.outHeight {
                let source = (out * layout.outHeight + y) * layout.outWidth
                let destination = out * columns + y * layout.outputRowStride
                wideGradient.replaceSubrange(destination ..< destination + layout.outWidth,
                                             with: outputGradient[source ..< source + layout.outWidth])
            }
        }
        var weights = [Float](repeating: 0, count: taps * pairs)
        weights.withUnsafeMutableBufferPointer { modulatedTapWeights(styles: styles, inputGain: inputGain, into: $0.baseAddress!) }

        // dL/dW'[tap] = dY (out x columns) . X_tap^T (columns x in), X_tap the shifted padded input.
        var weightGradient = [Float](repeating: 0, count: taps * pairs)
        var inputGradient: [Float]?
        padded.withUnsafeBufferPointer { x in
            wideGradient.withUnsafeBufferPointer { dy in
                weightGradient.withUnsafeMutableBufferPointer { dw in
                    for ky in 0..<kernel {
                        for kx in 0..<kernel {
                            ParallelGEMM.sgemmBlocks(transposeB: true, m: outChannels, n: inChannels, k: columns,
                                                     a: dy.baseAddress!, lda: columns,
                                                     b: x.baseAddress! + ky * paddedWidth + kx, ldb: planeStride,
                                                     accumulate: false,
                                                     c: dw.baseAddress! + (ky * kernel + kx) * pairs, ldc: inChannels)
                        }
                    }
                }
                guard needInput else { return }
                // dL/dX_tap += W'[tap]^T . dY, scattered back through each tap's shift.
                var paddedGradient = [Float](repeating: 0, count: inChannels * planeStride)
                weights.withUnsafeBufferPointer { w in
                    paddedGradient.withUnsafeMutableBufferPointer { dx in
                        for ky in 0..<kernel {
                            for kx in 0..<kernel {
                                ParallelGEMM.sgemmBlocks(transposeA: true, m: inChannels, n: columns, k: outChannels,
                                                         a: w.baseAddress! + (ky * kernel + kx) * pairs, lda: inChannels,
                                                         b: dy.baseAddress!, ldb: columns, accumulate: true,
                                                         c: dx.baseAddress! + ky * paddedWidth + kx, ldc: planeStride)
                            }
                        }
                    }
                }
                var dense = [Float](repeating: 0, count: inChannels * height * width)
                for channel in 0..<inChannels {
                    for y in 0..<height {
                        let source = channel * planeStride + (layout.padding + y) * paddedWidth + layout.padding
                        dense.replaceSubrange((channel * height + y) * width ..< (channel * height + y + 1) * width,
                                              with: paddedGradient[source ..< source + width])
                    }
                }
                inputGradient = dense
            }
        }

        // W'[tap][o][i] = Wn[tap][o][i] * s'_i * d_o * inputGain: first M[o][i] = sum over taps
        // of dL/dW' * Wn, the gradient of the per-(o, i) scale s'_i * d_o * inputGain.
        var m = [Float](repeating: 0, count: pairs)
        for tap in 0..<taps {
            let base = tap * pairs
            for index in 0..<pairs { m[index] += weightGradient[base + index] * tapWeights[base + index] }
        }
        return Gradients(input: inputGradient, styles: stylesGradient(styles: styles, inputGain: inputGain, scaleGradient: m))
    }

    /// dL/d(styles) from M[o][i], the gradient of the factor `s'_i * d_o * inputGain` that
    /// modulation and demodulation give each (out, in) weight pair.
    private func stylesGradient(styles s: [Float], inputGain: Float, scaleGradient m: [Float]) -> [Float] {
        let n = inChannels
        guard demodulate else {
            // No normalisation: the factor is s_i * inputGain.
            return (0..<n).map { i in inputGain * (0..<outChannels).reduce(Float(0)) { $0 + m[$1 * n + i] } }
        }
        // s' = s / sqrt(mean(s^2)); d_o = 1 / sqrt(sum_i s'_i^2 Q[o][i] + 1e-8).
        let norm = 1 / (s.reduce(Float(0)) { $0 + $1 * $1 } / Float(n)).squareRoot()
        let normalized = s.map { $0 * norm }
        var normalizedGradient = [Float](repeating: 0, count: n)
        for o in 0..<outChannels {
            var energy: Float = 0
            var dDemod: Float = 0
            for i in 0..<n {
                energy += normalized[i] * normalized[i] * squaredTapSums[o * n + i]
                dDemod += m[o * n + i] * normalized[i]
            }
            let demod = 1 / (energy + 1e-8).squareRoot()
            dDemod *= inputGain
            let dEnergy = -0.5 * dDemod * demod * demod * demod
            for i in 0..<n {
                normalizedGradient[i] += inputGain * m[o * n + i] * demod
                    + 2 * normalized[i] * squaredTapSums[o * n + i] * dEnergy
            }
        }
        // Through s' = s * norm(s), d norm / d s_i = -norm^3 s_i / n.
        let projection = zip(normalizedGradient, s).reduce(Float(0)) { $0 + $1.0 * $1.1 }
        return (0..<n).map { i in norm * normalizedGradient[i] - norm * norm * norm / Float(n) * s[i] * projection }
    }
}

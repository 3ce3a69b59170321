extension StyleGAN2ConvLayer {
    /// The reverse of a layer's epilogue, besides dL/d(convolution).
    struct EpilogueGradients {
        /// dL/dd[o] and dL/dbias[o].
        var demodulation: [Float]
        var bias: [Float]
        /// dL/d(unscaled noise input), nil for a layer without noise, and dL/d(noise strength).
        var noise: [Float]?
        var noiseStrength: Float
    }

    /// Reverse mode of the epilogue the forward pass runs on the convolution's output,
    ///   output = clamp(act(conv * d + noise + bias) * gain),
    /// from dL/doutput (`output` and `noise`, times its strength, as the forward pass had them):
    /// writes dL/dconv into `convolved` (`outChannels * height * width` floats) and returns the
    /// epilogue's other gradients. The clamp passes no gradient where it cut. Where gradient
    /// passes, the pre-activation is output / (gain * slope), which gives conv * d back for
    /// dL/dd. Every sum runs in the order of one plain loop per channel (`OrderedChannelSums`).
    func epilogueBackward(output: [Float], noise: [Float]?, gradient: [Float], gain: Float, demodulation: [Float],
                          into convolved: UnsafeMutablePointer<Float>) -> EpilogueGradients {
        let plane = height * width
        let totalGain = activation.defaultGain * gain
        let clamp = convClamp.map { $0 * gain } ?? .infinity
        typealias Lanes = SIMD8<Float>
        let activation = self.activation, bias = self.bias, chunk = OrderedChannelSums.chunk
        // Per channel: sum of dL/d(pre-activation) * (conv * d), for dL/dd, and of dL/d(pre-activation), for dL/dbias.
        let sums = output.withUnsafeBufferPointer { output in
            gradient.withUnsafeBufferPointer { gradient in
                withOptionalPointer(noise) { noise in
                    OrderedChannelSums.sums(channels: outChannels, count: plane, sums: 2) { o, range, rows in
                        let channel = o * plane
                        var p = range.lowerBound
                        while p < range.upperBound {
                            // Eight values at a time, each computed exactly as the scalar expressions would.
                            let lanes = min(Lanes.scalarCount, range.upperBound - p), row = p - range.lowerBound
                            let y = Lanes(output.baseAddress! + channel + p, lanes)
                            let slope = activation.slopes(atOutputs: y)
                            let blocked = .!((y .< clamp) .& (y .> -clamp)) .| (slope .== 0)
                            let pre = (Lanes(gradient.baseAddress! + channel + p, lanes) * totalGain * slope)
                                .replacing(with: 0, where: blocked)
                            // Without noise, zeros subtracted all the same (the same sums).
                            let noiseLanes = noise.map { Lanes($0 + p, lanes) } ?? Lanes(repeating: 0)
                            let demodulated = (y / (totalGain * slope) - noiseLanes - bias[o])
                                .replacing(with: 0, where: blocked)
                            (pre * demodulated).store(to: rows + row, lanes)
                            pre.store(to: rows + chunk + row, lanes)
                            pre.store(to: convolved + channel + p, lanes)  // times d below, once the noise gradient has read it
                            p += lanes
                        }
                    }
                }
            }
        }
        let demodulationGradient = (0..<outChannels).map { o in sums[0][o] / demodulation[o] }

        // The noise is added to every channel: its gradient sums the channels' (in channel order).
        let unscaled = unscaledNoiseConst
        var noiseSum = [Float](repeating: 0, count: unscaled == nil ? 0 : plane)
        noiseSum.withUnsafeMutableBufferPointer { noiseSum in
            parallelChunks(count: plane, valuesPerItem: outChannels) { range in
                for o in 0..<outChannels {
                    let d = demodulation[o], row = convolved + o * plane
                    if unscaled != nil { for p in range { noiseSum[p] += row[p] } }
                    for p in range { row[p] *= d }
                }
            }
        }
        var noiseGradient: [Float]? = nil
        var noiseStrengthGradient: Float = 0
        if let unscaled {
            noiseGradient = noiseSum.map { $0 * noiseStrength }
            noiseStrengthGradient = zip(noiseSum, unscaled).reduce(0) { $0 + $1.0 * $1.1 }
        }
        return EpilogueGradients(demodulation: demodulationGradient, bias: sums[1], noise: noiseGradient,
                                 noiseStrength: noiseStrengthGradient)
    }
}

extension Activation {
    /// `slope(atOutput:)` of eight outputs.
    @inline(__always)
    func slopes(atOutputs y: SIMD8<Float>) -> SIMD8<Float> {
        switch self {
        case .linear: return SIMD8(repeating: 1)
        case .relu: return SIMD8(repeating: 0).replacing(with: 1, where: y .> 0)
        case .lrelu: return SIMD8(repeating: 0.2).replacing(with: 1, where: y .> 0)
        }
    }
}

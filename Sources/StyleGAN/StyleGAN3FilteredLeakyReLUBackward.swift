/// The adjoint of `StyleGAN3FilteredLeakyReLU.apply`: the same passes in reverse order, each
/// resampling replaced by its transpose, and the activation by its derivative at the
/// up-sampled pre-activation (recomputed from the recorded biased input).
extension StyleGAN3FilteredLeakyReLU {
    /// dL/d(biased input), dense `[channels, inHeight, inWidth]`, for dL/d(output)
    /// `[channels, outHeight, outWidth]`; `biasedInput` is dense and already holds the bias.
    func inputGradient(biasedInput: [Float], outputGradient: [Float]) -> [Float] {
        precondition(biasedInput.count == channels * inHeight * inWidth, "biased input has the wrong size")
        precondition(outputGradient.count == channels * outHeight * outWidth, "output gradient has the wrong size")
        var result = [Float](repeating: 0, count: channels * inHeight * inWidth)
        let upHeight = upRows.outputCount, upWidth = upColumns.outputCount
        let scratchCount = max(upHeight * inWidth, upWidth * upHeight, upHeight * outWidth, outWidth * outHeight)
        let phaseScratchCount: Int
        switch downsampling {
        case .separable: phaseScratchCount = 0
        case .radial(let radial): phaseScratchCount = radial.scratchCount
        }
        biasedInput.withUnsafeBufferPointer { inputBuffer in
            outputGradient.withUnsafeBufferPointer { gradientBuffer in
                result.withUnsafeMutableBufferPointer { resultBuffer in
                    let input = UnsafeMutablePointer(mutating: inputBuffer.baseAddress!)
                    let gradient = UnsafeMutablePointer(mutating: gradientBuffer.baseAddress!)
                    let output = resultBuffer.baseAddress!
                    parallelChunks(count: channels, valuesPerItem: 4 * scratchCount) { channelRange in
                        let first = UnsafeMutablePointer<Float>.allocate(capacity: scratchCount)
                        let second = UnsafeMutablePointer<Float>.allocate(capacity: scratchCount)
                        let preActivation = UnsafeMutablePointer<Float>.allocate(capacity: upWidth * upHeight)
                        let phases = UnsafeMutablePointer<Float>.allocate(capacity: phaseScratchCount)
                        defer {
                            first.deallocate()
                            second.deallocate()
                            preActivation.deallocate()
                            phases.deallocate()
                        }
                        for channel in channelRange {
                            // The forward's up-sampling again, without the activation: [upWidth][upHeight].
                            let plane = input + channel * inHeight * inWidth
                            upRows.resampleRows(plane, inputStride: inWidth, width: inWidth, into: first, outputStride: inWidth)
                            transpose(first, rows: upHeight, columns: inWidth, into: second)
                            upColumns.resampleRows(second, inputStride: upHeight, width: upHeight,
                                                   into: preActivation, outputStride: upHeight)

                            // dL/d(activated), [upWidth][upHeight], in `activated`; `other` is free.
                            let outGradient = gradient + channel * outHeight * outWidth
                            let activated: UnsafeMutablePointer<Float>, other: UnsafeMutablePointer<Float>
                            switch downsampling {
                            case .separable(let rows, let columns):
                                rows.adjointRows(outGradient, width: outWidth, into: first)     // [upHeight][outWidth]
                                transpose(first, rows: upHeight, columns: outWidth, into: second)
                                columns.adjointRows(second, width: upHeight, into: first)       // [upWidth][upHeight]
                                (activated, other) = (first, second)
                            case .radial(let radial):
                                transpose(outGradient, rows: outHeight, columns: outWidth, into: first)
                                radial.adjoint(first, scratch: phases, into: second)
                                (activated, other) = (second, first)
                            }
                            activation.multiplyByDerivative(activated, preActivation: preActivation, count: upWidth * upHeight)

                            upColumns.adjointRows(activated, width: upHeight, into: other)      // [inWidth][upHeight]
                            transpose(other, rows: inWidth, columns: upHeight, into: activated)
                            upRows.adjointRows(activated, width: inWidth, into: output + channel * inHeight * inWidth)
                        }
                    }
                }
            }
        }
        return result
    }
}

extension StyleGAN3Activation {
    /// `gradient[i] *= d act(x) / dx` at `x = preActivation[i]`: slope times gain, and nothing
    /// where the clamp cut the value (PyTorch's clamp passes the gradient at the bound itself).
    func multiplyByDerivative(_ gradient: UnsafeMutablePointer<Float>, preActivation: UnsafePointer<Float>, count: Int) {
        let positive = gain, negative = slope * gain
        let bound = clamp ?? .infinity
        for i in 0..<count {
            let x = preActivation[i]
            let y = x < 0 ? x * negative : x * positive
            gradient[i] *= abs(y) <= bound ? (x < 0 ? negative : positive) : 0
        }
    }
}

extension StyleGAN3Resampler {
    /// The transpose of `resampleRows` on dense planes: `outputCount` gradient rows of `width`
    /// floats in, `inputCount` rows out, each output row's weights scattered back to the input
    /// rows it read.
    func adjointRows(_ gradient: UnsafePointer<Float>, width: Int, into input: UnsafeMutablePointer<Float>) {
        input.update(repeating: 0, count: inputCount * width)
        weights.withUnsafeBufferPointer { w in
            for o in 0..<outputCount {
                let source = gradient + o * width
                for t in 0..<tapCount[o] {
                    let coefficient = w[weightOffset[o] + t]
                    let destination = input + (firstInput[o] + t) * width
                    for x in 0..<width { destination[x] += coefficient * source[x] }
                }
            }
        }
    }
}

extension StyleGAN3RadialDownsampler {
    /// The transpose of `apply`: dense `outputRows x outputColumns` gradient in, dense
    /// `inputRows x inputColumns` out (zero at samples no kept output reads).
    func adjoint(_ gradient: UnsafePointer<Float>, scratch phases: UnsafeMutablePointer<Float>,
                 into input: UnsafeMutablePointer<Float>) {
        phases.update(repeating: 0, count: scratchCount)
        for r in 0..<outputRows {
            let source = gradient + r * outputColumns
            for t in offsets.indices {
                let destination = phases + offsets[t] + r * phaseColumns
                let weight = weights[t]
                for c in 0..<outputColumns { destination[c] += weight * source[c] }
            }
        }
        exchangePhases(plane: input, phases: phases, toPhases: false)
    }
}

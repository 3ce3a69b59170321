import BLAS

/// What one recorded pass of the mapping network keeps for its reverse mode: each layer's input
/// and output.
public struct MappingTape: Sendable {
    let inputs: [[Float]]
    let outputs: [[Float]]
    /// The mapped w (before broadcasting and truncation).
    public var w: [Float] { outputs.last ?? inputs[0] }
}

extension MappingNetwork {
    /// w for z (unconditional models), keeping what `parameterGradients` needs.
    public func record(z: [Float]) -> MappingTape {
        precondition(spec.cDim == 0, "the recording mapping pass supports unconditional models only")
        precondition(z.count == spec.zDim, "z has the wrong size")
        var x = Self.normalizeSecondMoment(z)
        var inputs: [[Float]] = [], outputs: [[Float]] = []
        for layer in layers {
            inputs.append(x)
            x = layer(x)
            outputs.append(x)
        }
        return MappingTape(inputs: inputs.isEmpty ? [x] : inputs, outputs: outputs)
    }

    /// dL/d(every mapping parameter), by tensor name in the stored layout, for dL/dw.
    public func parameterGradients(_ tape: MappingTape, wGradient: [Float]) -> [String: [Float]] {
        var gradients: [String: [Float]] = [:]
        var g = wGradient
        for index in layers.indices.reversed() {
            let layer = layers[index]
            let y = tape.outputs[index]
            let gain = layer.activation.defaultGain
            let pre = (0..<g.count).map { g[$0] * gain * layer.activation.slope(atOutput: y[$0]) }
            let (weight, bias) = layer.parameterGradients(input: tape.inputs[index], outputGradient: pre)
            gradients["mapping.fc\(index).weight"] = weight
            gradients["mapping.fc\(index).bias"] = bias
            if index > 0 {
                var x = [Float](repeating: 0, count: layer.inFeatures)
                sgemv(transposeA: true, m: layer.outFeatures, n: layer.inFeatures, a: layer.weight, lda: layer.inFeatures, x: pre, y: &x)
                g = x
            }
        }
        return gradients
    }
}

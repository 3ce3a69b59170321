import BLAS

/// NVlabs `FullyConnectedLayer`: y = act(x W^T * weight_gain + b * bias_gain), with the
/// equalised-learning-rate gains folded into the stored values once at load.
struct FullyConnectedLayer: Sendable {
    let inFeatures: Int
    let outFeatures: Int
    /// [outFeatures, inFeatures], already multiplied by lr_multiplier / sqrt(inFeatures).
    let weight: [Float]
    /// Already multiplied by lr_multiplier.
    let bias: [Float]
    let activation: Activation
    /// The gains folded into `weight` and `bias` (stored value times gain), for gradients of the stored values.
    let weightGain: Float
    let biasGain: Float

    init(file: SafeTensorsFile, prefix: String, inFeatures: Int, outFeatures: Int,
         activation: Activation = .linear, lrMultiplier: Float = 1) throws {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        self.activation = activation
        let weightGain = lrMultiplier / Float(inFeatures).squareRoot()
        self.weightGain = weightGain
        biasGain = lrMultiplier
        weight = try file.tensor("\(prefix).weight", shape: [outFeatures, inFeatures]).data.map { $0 * weightGain }
        let rawBias = try file.tensor("\(prefix).bias", shape: [outFeatures]).data
        bias = lrMultiplier == 1 ? rawBias : rawBias.map { $0 * lrMultiplier }
    }

    func callAsFunction(_ x: [Float]) -> [Float] {
        precondition(x.count == inFeatures, "fully connected layer input has the wrong width")
        var y = bias
        weight.withUnsafeBufferPointer { w in
            x.withUnsafeBufferPointer { input in
                y.withUnsafeMutableBufferPointer { output in
                    sgemv(m: outFeatures, n: inFeatures, a: w.baseAddress!, lda: inFeatures,
                          x: input.baseAddress!, beta: 1, y: output.baseAddress!)
                }
            }
        }
        let gain = activation.defaultGain
        if activation != .linear {
            for i in y.indices { y[i] = activation(y[i]) * gain }
        }
        return y
    }
}

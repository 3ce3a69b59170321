import Foundation
import Randomness
import StyleCastIO

extension StyleGAN3Synthesis {
    /// A network of any StyleGAN3 configuration with seeded random weights, built in memory
    /// (for benchmarks: no trained model of the wanted size is needed). Parameters are drawn
    /// as NVlabs initialises them; the up/down filters are designed as NVlabs designs them, so
    /// the network does exactly the work a trained one of that configuration does.
    public init(randomWeightsFor initKwargs: JSONObject, seed: UInt64) throws {
        let architecture = try StyleGAN3Architecture(initKwargs: initKwargs, source: "random StyleGAN3 (seed \(seed))")
        let tensors = Self.randomTensors(architecture: architecture, seed: seed)
        try self.init(architecture: architecture, source: "random StyleGAN3 (seed \(seed))") { name, shape in
            guard let tensor = tensors[name], tensor.shape == shape else {
                preconditionFailure("random weights lack \(name) \(shape)")
            }
            return tensor
        }
    }

    /// Every tensor of `architecture.tensorShapes`, filled deterministically from `seed`.
    static func randomTensors(architecture: StyleGAN3Architecture, seed: UInt64) -> [String: Tensor] {
        var random = SplitMix64(state: seed)
        let layersByPrefix = Dictionary(uniqueKeysWithValues: architecture.layers.map { ("synthesis.\($0.name).", $0) })
        var tensors: [String: Tensor] = [:]
        for (name, shape) in architecture.tensorShapes {
            let count = shape.reduce(1, *)
            let prefix = String(name[...(name.lastIndex(of: ".") ?? name.startIndex)])
            let field = String(name[name.index(after: name.lastIndex(of: ".") ?? name.startIndex)...])
            let values: [Float]
            switch (prefix, field) {
            case ("synthesis.input.", "transform"):
                values = [1, 0, 0, 0, 1, 0, 0, 0, 1]
            case ("synthesis.input.", "freqs"):
                values = randomFrequencies(count: shape[0], bandwidth: architecture.inputBandwidth, random: &random)
            case ("synthesis.input.", "phases"):
                values = (0..<count).map { _ in random.uniform() - 0.5 }
            case ("synthesis.input.affine.", "bias"):
                values = [1, 0, 0, 0]
            case (_, "magnitude_ema"):
                values = [1]
            case (_, "up_filter"), (_, "down_filter"):
                let layerPrefix = String(prefix)
                let layer = layersByPrefix[layerPrefix]!
                values = designedFilter(layer: layer, up: field == "up_filter")
            case (_, "bias") where prefix.hasSuffix("affine."):
                values = [Float](repeating: 1, count: count)
            case (_, "bias"):
                values = [Float](repeating: 0, count: count)
            default:
                values = (0..<count).map { _ in random.normal() }
            }
            tensors[name] = Tensor(shape: shape, data: values)
        }
        return tensors
    }

    /// Frequencies drawn from the disc of radius `bandwidth`, as NVlabs `SynthesisInput` draws them.
    private static func randomFrequencies(count: Int, bandwidth: Double, random: inout SplitMix64) -> [Float] {
        var values: [Float] = []
        for _ in 0..<count {
            let x = Double(random.normal()), y = Double(random.normal())
            let radius = (x * x + y * y).squareRoot()
            let scale = bandwidth / (radius * pow(exp(radius * radius), 0.25))
            values += [Float(x * scale), Float(y * scale)]
        }
        return values
    }

    private static func designedFilter(layer: StyleGAN3Architecture.Layer, up: Bool) -> [Float] {
        if up {
            return StyleGAN3FilterDesign.lowpass(numtaps: layer.upTaps, cutoff: layer.inCutoff,
                                                 width: layer.inHalfWidth * 2, samplingRate: layer.tmpSamplingRate) ?? [1]
        }
        let design = layer.downRadial ? StyleGAN3FilterDesign.radialLowpass : StyleGAN3FilterDesign.lowpass
        return design(layer.downTaps, layer.outCutoff, layer.outHalfWidth * 2, layer.tmpSamplingRate) ?? [1]
    }
}

/// The draws random-weight networks need, from the shared seeded generator.
extension SplitMix64 {
    /// Uniform in [0, 1).
    mutating func uniform() -> Float {
        Float(Double(next() >> 11) / Double(1 << 53))
    }

    mutating func normal() -> Float {
        let u1 = (Double(next() >> 11) + 1) / Double(1 << 53)
        let u2 = Double(next() >> 11) / Double(1 << 53)
        return Float((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
    }
}

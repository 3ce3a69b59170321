/// Truncation toward the average w: w' = w_avg + psi (w - w_avg) for the first `cutoff` rows
/// (all rows when nil), as the official mapping network applies it.
public struct Truncation: Sendable, Equatable {
    public var psi: Float
    public var cutoff: Int?

    public init(psi: Float = 1, cutoff: Int? = nil) {
        self.psi = psi
        self.cutoff = cutoff
    }

    public static let none = Truncation()
}

/// The mapping network z (and class c) -> ws `[numWs, wDim]`, shared by StyleGAN2 and StyleGAN3.
public struct MappingNetwork: Sendable {
    public let spec: MappingSpec
    private let embed: FullyConnectedLayer?
    let layers: [FullyConnectedLayer]
    /// The running average of w (`mapping.w_avg`), the centre of truncation.
    public let wAverage: [Float]?

    public init(file: SafeTensorsFile, spec: MappingSpec) throws {
        self.spec = spec
        embed = spec.cDim > 0
            ? try FullyConnectedLayer(file: file, prefix: "mapping.embed", inFeatures: spec.cDim, outFeatures: spec.embedFeatures)
            : nil
        let features = spec.featuresList
        layers = try (0..<spec.numLayers).map { index in
            try FullyConnectedLayer(file: file, prefix: "mapping.fc\(index)", inFeatures: features[index],
                                    outFeatures: features[index + 1], activation: spec.activation,
                                    lrMultiplier: spec.lrMultiplier)
        }
        wAverage = spec.tracksWAverage ? try file.tensor("mapping.w_avg", shape: [spec.wDim]).data : nil
    }

    /// ws `[numWs * wDim]` for one z `[zDim]` (float64 as NumPy draws it; the network rounds it to
    /// float32 first, as the official code does) and class vector c `[cDim]`.
    public func callAsFunction(z: [Double], c: [Float], truncation: Truncation = .none) throws -> Latent {
        guard z.count == spec.zDim else { throw GeneratorError(reason: "z has \(z.count) values, the model takes \(spec.zDim)") }
        guard c.count == spec.cDim else { throw GeneratorError(reason: "the class vector has \(c.count) values, the model takes \(spec.cDim)") }
        var x: [Float] = spec.zDim > 0 ? Self.normalizeSecondMoment(z.map { Float($0) }) : []
        if let embed {
            x += Self.normalizeSecondMoment(embed(c))
        }
        for layer in layers { x = layer(x) }
        var ws = Latent(broadcasting: x, numWs: spec.numWs)
        if truncation.psi != 1 {
            guard let wAverage else {
                throw GeneratorError(reason: "this model has no w_avg (w_avg_beta is None), so it cannot be truncated; use psi 1")
            }
            if let cutoff = truncation.cutoff, cutoff < 0 {
                throw GeneratorError(reason: "truncation cutoff \(cutoff) is negative; give the number of leading ws rows to truncate")
            }
            let rows = min(truncation.cutoff ?? spec.numWs, spec.numWs)
            for row in 0..<rows {
                for j in 0..<spec.wDim {
                    ws[row, j] = Self.lerp(wAverage[j], ws[row, j], truncation.psi)
                }
            }
        }
        return ws
    }

    /// x / sqrt(mean(x^2) + 1e-8).
    static func normalizeSecondMoment(_ x: [Float]) -> [Float] {
        let meanSquare = x.reduce(Float(0)) { $0 + $1 * $1 } / Float(x.count)
        let scale = 1 / (meanSquare + 1e-8).squareRoot()
        return x.map { $0 * scale }
    }

    /// torch.lerp's formula, which switches end for weights >= 0.5 to stay exact at 1.
    @inline(__always)
    static func lerp(_ start: Float, _ end: Float, _ weight: Float) -> Float {
        weight < 0.5 ? start + weight * (end - start) : end - (end - start) * (1 - weight)
    }
}

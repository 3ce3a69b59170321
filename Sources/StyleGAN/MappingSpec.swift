/// The constructor arguments of an NVlabs mapping network (z and c in, w broadcast to num_ws rows).
/// StyleGAN2 and StyleGAN3 name their tensors the same way; they differ in defaults (8 layers
/// against 2) and in which arguments they accept.
public struct MappingSpec: Sendable, Equatable {
    public var zDim: Int
    public var cDim: Int
    public var wDim: Int
    public var numWs: Int
    public var numLayers: Int
    /// Width of the class embedding; 0 for unconditional models.
    public var embedFeatures: Int
    public var layerFeatures: Int
    public var activation: Activation
    public var lrMultiplier: Float
    /// False when `w_avg_beta` is None: no `w_avg` buffer, so truncation is impossible.
    public var tracksWAverage: Bool

    /// Input width of each fully connected layer, then the output width.
    public var featuresList: [Int] {
        [zDim + embedFeatures] + Array(repeating: layerFeatures, count: numLayers - 1) + [wDim]
    }

    /// Reads `mapping_kwargs` of a StyleGAN2 generator (`networks_stylegan2.MappingNetwork`).
    static func styleGAN2(zDim: Int, cDim: Int, wDim: Int, numWs: Int, kwargs: inout InitKwargs) throws -> MappingSpec {
        let numLayers = try kwargs.int("num_layers", default: 8, atLeast: 1)
        var embedFeatures = try kwargs.int("embed_features", default: wDim, atLeast: 1)
        if cDim == 0 { embedFeatures = 0 }
        let layerFeatures = try kwargs.int("layer_features", default: wDim, atLeast: 1)
        let activation = try kwargs.choice("activation", default: Activation.lrelu)
        let lrMultiplier = try kwargs.float("lr_multiplier", default: 0.01)
        let tracksWAverage = try kwargs.optionalFloat("w_avg_beta", default: 0.998) != nil
        try kwargs.rejectUnread()
        guard zDim + embedFeatures > 0 else {
            throw kwargs.field.error("a mapping network needs z_dim > 0 or c_dim > 0")
        }
        return MappingSpec(zDim: zDim, cDim: cDim, wDim: wDim, numWs: numWs, numLayers: numLayers,
                           embedFeatures: embedFeatures, layerFeatures: layerFeatures,
                           activation: activation, lrMultiplier: lrMultiplier,
                           tracksWAverage: tracksWAverage)
    }

    /// Reads `mapping_kwargs` of a StyleGAN3 generator (`networks_stylegan3.MappingNetwork`):
    /// 2 layers by default, every width w_dim, always lrelu, always a `w_avg`.
    static func styleGAN3(zDim: Int, cDim: Int, wDim: Int, numWs: Int, kwargs: inout InitKwargs) throws -> MappingSpec {
        let numLayers = try kwargs.int("num_layers", default: 2, atLeast: 1)
        let lrMultiplier = try kwargs.float("lr_multiplier", default: 0.01)
        kwargs.ignore(["w_avg_beta"])
        try kwargs.rejectUnread()
        guard zDim > 0 else { throw kwargs.field.error("a StyleGAN3 mapping network needs z_dim > 0") }
        return MappingSpec(zDim: zDim, cDim: cDim, wDim: wDim, numWs: numWs, numLayers: numLayers,
                           embedFeatures: cDim > 0 ? wDim : 0, layerFeatures: wDim, activation: .lrelu,
                           lrMultiplier: lrMultiplier, tracksWAverage: true)
    }

    /// The tensors `mapping.*` of the model file.
    public var tensorSpecs: [TensorSpec] {
        var specs: [TensorSpec] = []
        if cDim > 0 {
            specs.append(TensorSpec("mapping.embed.weight", [embedFeatures, cDim]))
            specs.append(TensorSpec("mapping.embed.bias", [embedFeatures], initializer: .constant(0)))
        }
        let features = featuresList
        for index in 0..<numLayers {
            // Stored weights are randn / lr_multiplier (the gain brings them back at run time).
            specs.append(TensorSpec("mapping.fc\(index).weight", [features[index + 1], features[index]],
                                    initializer: .gaussian(1 / lrMultiplier)))
            specs.append(TensorSpec("mapping.fc\(index).bias", [features[index + 1]], initializer: .constant(0)))
        }
        if tracksWAverage {
            specs.append(TensorSpec("mapping.w_avg", [wDim], isParameter: false, initializer: .constant(0)))
        }
        return specs
    }
}

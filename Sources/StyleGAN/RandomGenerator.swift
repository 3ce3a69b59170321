import Foundation

/// Generators with random weights built in memory from the same (name, shape) lists the loader
/// checks, for benchmarks and for testing configurations that have no reference fixtures.
public enum RandomGenerator {
    /// Named benchmark configurations, as `init_kwargs` JSON.
    public static let configurations: [String: (family: GeneratorFamily, initKwargs: String)] = [
        // StyleGAN2 config F at 256x256 (channel_base 16384, as the ADA paper's 256 models).
        "sg2-256": (.styleGAN2, #"{"z_dim": 512, "c_dim": 0, "w_dim": 512, "img_resolution": 256, "img_channels": 3, "mapping_kwargs": {"num_layers": 8}, "channel_base": 16384, "channel_max": 512, "num_fp16_res": 4, "conv_clamp": 256, "architecture": "skip"}"#),
        "sg2-1024": (.styleGAN2, #"{"z_dim": 512, "c_dim": 0, "w_dim": 512, "img_resolution": 1024, "img_channels": 3, "mapping_kwargs": {"num_layers": 8}, "channel_base": 32768, "channel_max": 512, "num_fp16_res": 4, "conv_clamp": 256, "architecture": "skip"}"#),
        "sg2-64": (.styleGAN2, #"{"z_dim": 512, "c_dim": 0, "w_dim": 512, "img_resolution": 64, "img_channels": 3, "mapping_kwargs": {"num_layers": 8}, "channel_base": 16384, "channel_max": 512, "conv_clamp": 256, "architecture": "skip"}"#),
        "sg3t-256": (.styleGAN3, #"{"z_dim": 512, "c_dim": 0, "w_dim": 512, "img_resolution": 256, "img_channels": 3, "mapping_kwargs": {"num_layers": 2}, "channel_base": 32768, "channel_max": 512, "magnitude_ema_beta": 0.9988915792636801}"#),
        "sg3r-256": (.styleGAN3, #"{"z_dim": 512, "c_dim": 0, "w_dim": 512, "img_resolution": 256, "img_channels": 3, "mapping_kwargs": {"num_layers": 2}, "channel_base": 65536, "channel_max": 1024, "conv_kernel": 1, "use_radial_filters": true, "magnitude_ema_beta": 0.9988915792636801}"#),
    ]

    /// A generator of a named configuration (see `configurations`).
    public static func make(configuration name: String, seed: UInt32 = 0) throws -> Generator {
        guard let configuration = configurations[name] else {
            throw GeneratorError("unknown configuration '\(name)'; choose one of \(configurations.keys.sorted().joined(separator: ", "))")
        }
        return try make(spec: GeneratorSpec(className: configuration.family.rawValue, initKwargsJSON: configuration.initKwargs), seed: seed)
    }

    /// A generator of any StyleGAN2 spec, every tensor drawn from its initializer (seeded, so
    /// the same seed gives the same model).
    public static func make(spec: GeneratorSpec, seed: UInt32 = 0) throws -> Generator {
        try Generator(file: file(spec: spec, seed: seed))
    }

    /// The in-memory model file of `make(spec:seed:)`.
    public static func file(spec: GeneratorSpec, seed: UInt32 = 0) throws -> SafeTensorsFile {
        let path = "<random \(spec.family.rawValue)>"
        guard let synthesis = spec.styleGAN2 else { throw Generator.styleGAN3NotYetSupported(path: path) }
        var random = NumpyRandom(seed: seed)
        var tensors: [String: Tensor] = [:]
        for tensor in spec.mapping.tensorSpecs + synthesis.tensorSpecs {
            let values: [Float]
            switch tensor.initializer {
            case .gaussian(let deviation): values = (0..<tensor.count).map { _ in Float(random.nextGaussian()) * deviation }
            case .constant(let value): values = [Float](repeating: value, count: tensor.count)
            case .values(let given): values = given
            }
            tensors[tensor.name] = Tensor(shape: tensor.shape, data: values)
        }
        let metadata = ["class": spec.family.rawValue, "init_kwargs": spec.initKwargsJSON, "num_ws": String(spec.numWs)]
        return SafeTensorsFile(path: path, metadata: metadata, tensors: tensors)
    }
}

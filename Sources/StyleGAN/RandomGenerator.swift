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
        // The shapes of StyleCast's own RGBA models: the RPG Maker MV walk sheet (3 patterns x
        // 4 directions of 48x48, so 192 high x 144 wide) and the 144x144 face, both 10 w rows.
        "sg2-sprite": (.styleGAN2, #"{"z_dim": 128, "c_dim": 0, "w_dim": 128, "img_resolution": 192, "init_res": [12, 9], "img_channels": 4, "mapping_kwargs": {"num_layers": 2}, "channel_base": 6144, "channel_max": 256, "conv_clamp": 256, "architecture": "skip"}"#),
        "sg2-face": (.styleGAN2, #"{"z_dim": 128, "c_dim": 0, "w_dim": 128, "img_resolution": 144, "init_res": [9, 9], "img_channels": 4, "mapping_kwargs": {"num_layers": 2}, "channel_base": 6144, "channel_max": 256, "conv_clamp": 256, "architecture": "skip"}"#),
        "sg3t-256": (.styleGAN3, #"{"z_dim": 512, "c_dim": 0, "w_dim": 512, "img_resolution": 256, "img_channels": 3, "mapping_kwargs": {"num_layers": 2}, "channel_base": 32768, "channel_max": 512, "magnitude_ema_beta": 0.9988915792636801}"#),
        "sg3r-256": (.styleGAN3, #"{"z_dim": 512, "c_dim": 0, "w_dim": 512, "img_resolution": 256, "img_channels": 3, "mapping_kwargs": {"num_layers": 2}, "channel_base": 65536, "channel_max": 1024, "conv_kernel": 1, "use_radial_filters": true, "magnitude_ema_beta": 0.9988915792636801}"#),
    ]

    /// A generator of a named configuration (see `configurations`).
    public static func make(configuration name: String, seed: UInt32 = 0) throws -> Generator {
        guard let configuration = configurations[name] else {
            throw GeneratorError(reason: "unknown configuration '\(name)'; choose one of \(configurations.keys.sorted().joined(separator: ", "))")
        }
        return try make(spec: GeneratorSpec(className: configuration.family.rawValue, initKwargsJSON: configuration.initKwargs), seed: seed)
    }

    /// A generator of any spec, every tensor drawn from its initializer (seeded, so the same
    /// seed gives the same model; StyleGAN3's filters are designed as NVlabs designs them).
    public static func make(spec: GeneratorSpec, seed: UInt32 = 0) throws -> Generator {
        try Generator(file: file(spec: spec, seed: seed))
    }

    /// The in-memory model file of `make(spec:seed:)`.
    public static func file(spec: GeneratorSpec, seed: UInt32 = 0) throws -> SafeTensorsFile {
        let path = "<random \(spec.family.rawValue)>"
        var random = NumpyRandom(seed: seed)
        var tensors: [String: Tensor] = [:]
        var specs = spec.mapping.tensorSpecs
        if let synthesis = spec.styleGAN2 {
            specs += synthesis.tensorSpecs
        } else {
            let architecture = try StyleGAN3Architecture(initKwargs: spec.initKwargs, source: path)
            tensors = StyleGAN3Synthesis.randomTensors(architecture: architecture, seed: UInt64(seed))
        }
        for tensor in specs {
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

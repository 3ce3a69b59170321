import Foundation

/// A complete generator: its spec, the mapping network, and a StyleGAN2 or StyleGAN3 synthesis.
public struct Generator: Sendable {
    public let spec: GeneratorSpec
    public let mapping: MappingNetwork
    /// Both architectures have a reverse mode, so projection takes any generator's synthesis.
    public let synthesis: any DifferentiableSynthesis
    /// Trainable values in the model file (buffers such as filters and noise constants excluded).
    public let parameterCount: Int

    /// Loads a `.safetensors` generator, checking every tensor against its `init_kwargs`.
    public static func load(path: String) throws -> Generator {
        try Generator(file: SafeTensorsFile(path: path))
    }

    public init(file: SafeTensorsFile) throws {
        let spec = try GeneratorSpec(file: file)
        self.spec = spec
        mapping = try MappingNetwork(file: file, spec: spec.mapping)
        switch spec.family {
        case .styleGAN2:
            let synthesisSpec = spec.styleGAN2!
            let expected = spec.mapping.tensorSpecs + synthesisSpec.tensorSpecs
            let expectedNames = Set(expected.map(\.name))
            if let unexpected = file.tensors.keys.sorted().first(where: { !expectedNames.contains($0) }) {
                throw ModelFileError(subject: file.path, reason: "unexpected tensor '\(unexpected)': init_kwargs describe a different network")
            }
            synthesis = try StyleGAN2Synthesis(file: file, spec: synthesisSpec)
        case .styleGAN3:
            // The StyleGAN3 loader refuses `synthesis.*` tensors its architecture lacks; the
            // rest of the file must be the mapping network's.
            let mappingNames = Set(spec.mapping.tensorSpecs.map(\.name))
            if let unexpected = file.tensors.keys.sorted().first(where: { !$0.hasPrefix("synthesis.") && !mappingNames.contains($0) }) {
                throw ModelFileError(subject: file.path, reason: "unexpected tensor '\(unexpected)': init_kwargs describe a different network")
            }
            synthesis = try StyleGAN3Synthesis(file: file, initKwargs: spec.initKwargs)
        }
        parameterCount = file.tensors.reduce(0) { $0 + (Self.isBuffer($1.key) ? 0 : $1.value.count) }
        guard synthesis.numWs == spec.numWs, synthesis.wDim == spec.wDim else {
            throw ModelFileError(subject: file.path, reason: "synthesis takes \(synthesis.numWs) x \(synthesis.wDim) ws but the mapping gives \(spec.numWs) x \(spec.wDim)")
        }
    }

    /// NVlabs registers these as buffers, not parameters: the official parameter count skips them.
    static func isBuffer(_ name: String) -> Bool {
        let last = name.split(separator: ".").last.map(String.init) ?? name
        return ["w_avg", "resample_filter", "noise_const", "up_filter", "down_filter",
                "magnitude_ema", "freqs", "phases", "transform"].contains(last)
    }

    /// The one-hot class vector for `classIndex` (official `--class`); zeros for unconditional models.
    public func classVector(_ classIndex: Int?) throws -> [Float] {
        var c = [Float](repeating: 0, count: spec.cDim)
        if spec.cDim == 0 {
            if classIndex != nil { throw GeneratorError(reason: "this model is unconditional (c_dim 0); leave out --class") }
            return c
        }
        guard let classIndex else {
            throw GeneratorError(reason: "this model is conditional (c_dim \(spec.cDim)); choose a class with --class 0...\(spec.cDim - 1)")
        }
        guard (0..<spec.cDim).contains(classIndex) else {
            throw GeneratorError(reason: "class \(classIndex) is out of range; the model has classes 0...\(spec.cDim - 1)")
        }
        c[classIndex] = 1
        return c
    }

    /// The ws of a seed: z = RandomState(seed).randn(1, z_dim), then the mapping network.
    public func ws(seed: UInt32, classIndex: Int? = nil, truncation: Truncation = .none) throws -> Latent {
        try mapping(z: latentZ(seed: seed, zDim: spec.zDim), c: classVector(classIndex), truncation: truncation)
    }

    /// The raw image `[C, H, W]` for `ws`, which must have this model's shape.
    public func synthesize(_ ws: Latent, noiseMode: NoiseMode = .const, noiseSeed: UInt64 = 0) throws -> Tensor {
        guard ws.numWs == synthesis.numWs, ws.wDim == synthesis.wDim else {
            throw GeneratorError(reason: "ws are \(ws.numWs) x \(ws.wDim) but this model takes \(synthesis.numWs) x \(synthesis.wDim)")
        }
        return synthesis.synthesize(ws: ws.values, noiseMode: noiseMode, noiseSeed: noiseSeed)
    }
}

import StyleGAN

/// A generator's tensors as training changes them: the trainable parameters (in one fixed order,
/// so the optimiser sees one flat vector) and the buffers (filters, w_avg) beside them.
struct ModelParameters {
    let spec: GeneratorSpec
    private(set) var tensors: [String: Tensor]
    /// Names of the trainable tensors, sorted.
    let trainable: [String]
    let parameterCount: Int

    /// Freshly initialised weights, drawn as the NVlabs constructors draw them (seeded).
    /// Noise strengths start at 0, as in the official networks.
    init(spec: GeneratorSpec, seed: UInt32) throws {
        var tensors = try RandomGenerator.file(spec: spec, seed: seed).tensors
        for name in tensors.keys where name.hasSuffix(".noise_strength") { tensors[name] = Tensor(shape: [], data: [0]) }
        try self.init(spec: spec, tensors: tensors)
    }

    /// Weights read back (a checkpoint), checked against the spec.
    init(spec: GeneratorSpec, tensors: [String: Tensor]) throws {
        self.spec = spec
        let specs = spec.mapping.tensorSpecs + (spec.styleGAN2?.tensorSpecs ?? [])
        for expected in specs {
            guard let tensor = tensors[expected.name], tensor.shape == expected.shape else {
                throw TrainingError(reason: "tensor '\(expected.name)' is missing or has the wrong shape for this generator")
            }
        }
        self.tensors = tensors
        trainable = specs.filter(\.isParameter).map(\.name).sorted()
        parameterCount = trainable.reduce(0) { $0 + tensors[$1]!.count }
    }

    /// The model file of the current weights.
    func file(metadata: [String: String]) -> SafeTensorsFile {
        var all = metadata
        all["class"] = spec.family.rawValue
        all["init_kwargs"] = spec.initKwargsJSON
        all["num_ws"] = String(spec.numWs)
        return SafeTensorsFile(path: "<training>", metadata: all, tensors: tensors)
    }

    func generator() throws -> Generator {
        try Generator(file: file(metadata: [:]))
    }

    /// The values of `names` (every trainable tensor by default), concatenated in that order.
    func flattened(_ names: [String]? = nil) -> [Float] {
        let names = names ?? trainable
        var values: [Float] = []
        values.reserveCapacity(names.reduce(0) { $0 + tensors[$1]!.count })
        for name in names { values += tensors[name]!.data }
        return values
    }

    /// Sets the tensors `names` (every trainable one by default) from `values` laid out as `flattened(names)`.
    mutating func update(from values: [Float], names: [String]? = nil) {
        let names = names ?? trainable
        precondition(values.count == names.reduce(0) { $0 + tensors[$1]!.count }, "parameter vector has the wrong size")
        var offset = 0
        for name in names {
            let count = tensors[name]!.count
            tensors[name]!.data = Array(values[offset ..< offset + count])
            offset += count
        }
    }

    /// Gradients by name, laid out as `flattened(names)`; a missing tensor's gradient is zero.
    func flatten(gradients: [String: [Float]], names: [String]? = nil) -> [Float] {
        let names = names ?? trainable
        var values: [Float] = []
        values.reserveCapacity(names.reduce(0) { $0 + tensors[$1]!.count })
        for name in names {
            let count = tensors[name]!.count
            if let gradient = gradients[name] {
                precondition(gradient.count == count, "gradient of \(name) has the wrong size")
                values += gradient
            } else {
                values += [Float](repeating: 0, count: count)
            }
        }
        return values
    }

    mutating func setWAverage(_ values: [Float]) {
        tensors["mapping.w_avg"] = Tensor(shape: [values.count], data: values)
    }

    var wAverage: [Float] { tensors["mapping.w_avg"]?.data ?? [] }
}

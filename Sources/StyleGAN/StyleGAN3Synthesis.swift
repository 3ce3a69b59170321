import StyleCastIO

/// The StyleGAN3 (alias-free, configs T and R) synthesis network of NVlabs
/// `networks_stylegan3.SynthesisNetwork`, computing the same function on the CPU in float32.
///
/// w row 0 drives the Fourier-feature input, row `i + 1` drives layer `i`; the last layer is
/// ToRGB and the result is multiplied by `output_scale`. StyleGAN3 has no noise inputs, so
/// `noiseMode` and `noiseSeed` do not change the image.
public struct StyleGAN3Synthesis: SynthesisNetwork {
    public let architecture: StyleGAN3Architecture
    let input: StyleGAN3Input
    let layers: [StyleGAN3Layer]
    private let workspaces = StyleGAN3WorkspacePool()

    public var numWs: Int { architecture.numWs }
    public var wDim: Int { architecture.wDim }
    public var imageChannels: Int { architecture.imageChannels }
    public var imageHeight: Int { architecture.imageResolution }
    public var imageWidth: Int { architecture.imageResolution }

    /// Loads the `synthesis.*` tensors of a StyleGAN3 generator file, checking each one's shape
    /// against what `initKwargs` (the metadata's `init_kwargs`, NVlabs defaults for anything
    /// absent) implies.
    public init(file: SafeTensorsFile, initKwargs: JSONObject) throws {
        let architecture = try StyleGAN3Architecture(initKwargs: initKwargs, source: file.path)
        let expected = Set(architecture.tensorShapes.map(\.name))
        if let unexpected = file.tensors.keys.sorted().first(where: { $0.hasPrefix("synthesis.") && !expected.contains($0) }) {
            throw ModelFileError(subject: file.path, reason: "tensor '\(unexpected)' is not part of the StyleGAN3 synthesis network that init_kwargs describe (do they match the weights?)")
        }
        try self.init(architecture: architecture, source: file.path) { name, shape in
            try file.tensor(name, shape: shape)
        }
    }

    /// Builds the network from tensors looked up by name and expected shape, checking the
    /// whole list first so the first problem in it is the one reported.
    init(architecture: StyleGAN3Architecture, source: String,
         tensor: (_ name: String, _ shape: [Int]) throws -> Tensor) throws {
        for (name, shape) in architecture.tensorShapes { _ = try tensor(name, shape) }
        self.architecture = architecture
        input = try StyleGAN3Input(architecture: architecture, tensor: tensor)
        layers = try architecture.layers.map {
            try StyleGAN3Layer(spec: $0, architecture: architecture, source: source, tensor: tensor)
        }
    }

    public func synthesize(ws: [Float], noiseMode: NoiseMode, noiseSeed: UInt64) -> Tensor {
        run(ws: ws, hooks: nil)
    }

    /// What a recording pass sees of each layer: its input before the layer overwrites it, and
    /// the workspace right after the layer ran, while it still holds the intermediate buffers.
    struct LayerHooks {
        let beforeLayer: (_ index: Int, _ input: UnsafePointer<Float>) -> Void
        let afterLayer: (_ index: Int, _ workspace: StyleGAN3Workspace) -> Void
    }

    /// The forward pass.
    func run(ws: [Float], hooks: LayerHooks?) -> Tensor {
        precondition(ws.count == numWs * wDim,
                     "StyleGAN3 synthesis takes \(numWs) x \(wDim) ws values, got \(ws.count)")
        let workspace = workspaces.take { StyleGAN3Workspace(layers: layers, input: input) }
        defer { workspaces.giveBack(workspace) }
        let activations = workspace.activations
        ws.withUnsafeBufferPointer { rows in
            let w = rows.baseAddress!
            input.forward(w: w, scratch: workspace.paddedInput, output: activations)
            for (index, layer) in layers.enumerated() {
                hooks?.beforeLayer(index, activations)
                layer.forward(activations: activations, w: w + (index + 1) * wDim, workspace: workspace)
                hooks?.afterLayer(index, workspace)
            }
        }
        let current = activations
        let count = imageChannels * imageHeight * imageWidth
        let scale = architecture.outputScale
        let image = (0..<count).map { current[$0] * scale }
        return Tensor(shape: [imageChannels, imageHeight, imageWidth], data: image)
    }
}

import Foundation

/// Scratch memory for one image, reused by every layer. The activations pass from layer to
/// layer in a buffer of their own. A layer's convolution output, modulated weights and Winograd
/// scratch share one buffer laid out per layer, as large as the largest output, the largest
/// weights and the least Winograd scratch together: where a layer's output or weights are
/// smaller than the largest, its Winograd bands get the rest. OpenBLAS packs a band's weights
/// (36 x Cout x Cin) once per band, so the narrower layers on the large planes run in a few
/// tall bands instead of many, at no extra memory.
final class StyleGAN3Workspace {
    /// The Fourier-feature input's scratch, and the padded input of direct (non-Winograd) taps.
    let paddedInput: UnsafeMutablePointer<Float>
    /// The activations between layers: each layer's input, then its output.
    let activations: UnsafeMutablePointer<Float>
    private let layerScratch: UnsafeMutablePointer<Float>
    private let layerScratchCount: Int

    /// Where one layer's buffers lie in the shared layer scratch.
    struct LayerBuffers {
        let convolutionOutput: UnsafeMutablePointer<Float>
        let weights: UnsafeMutablePointer<Float>
        /// Winograd's tiles and products, `winogradCount` floats to the end of the scratch.
        let winograd: UnsafeMutablePointer<Float>
        let winogradCount: Int
    }

    init(layers: [StyleGAN3Layer], input: StyleGAN3Input) {
        let features = input.channels * input.size * input.size
        paddedInput = HugePageBuffer.allocate(floats: max(layers.map(\.paddedInputCount).max() ?? 0, features))
        let activationCount = max(layers.map { max($0.inputCount, $0.outputCount) }.max() ?? 0, features)
        activations = HugePageBuffer.allocate(floats: activationCount)
        layerScratchCount = Self.pageRounded(layers.map(\.convolutionOutputCount).max() ?? 0)
            + Self.pageRounded(layers.map(\.weightCount).max() ?? 0)
            + (layers.map(\.winogradScratchCount).max() ?? 0)
        layerScratch = HugePageBuffer.allocate(floats: layerScratchCount)
    }

    deinit {
        for buffer in [paddedInput, activations, layerScratch] { HugePageBuffer.deallocate(buffer) }
    }

    /// `layer`'s buffers: its convolution output, then its weights, then Winograd scratch to the
    /// end, each starting on a 4 KiB boundary.
    func buffers(for layer: StyleGAN3Layer) -> LayerBuffers {
        let weights = layerScratch + Self.pageRounded(layer.convolutionOutputCount)
        let winograd = weights + Self.pageRounded(layer.weightCount)
        return LayerBuffers(convolutionOutput: layerScratch, weights: weights, winograd: winograd,
                            winogradCount: layerScratchCount - (winograd - layerScratch))
    }

    private static func pageRounded(_ floats: Int) -> Int { (floats + 1023) / 1024 * 1024 }
}

/// Workspaces kept between images, so the large buffers are not mapped and zeroed by the
/// kernel afresh for every image. Concurrent syntheses each take their own.
final class StyleGAN3WorkspacePool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [StyleGAN3Workspace] = []

    func take(orMake make: () -> StyleGAN3Workspace) -> StyleGAN3Workspace {
        lock.lock()
        let workspace = idle.popLast()
        lock.unlock()
        return workspace ?? make()
    }

    func giveBack(_ workspace: StyleGAN3Workspace) {
        lock.lock()
        idle.append(workspace)
        lock.unlock()
    }
}

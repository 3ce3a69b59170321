import BLAS
import Foundation

/// NVlabs StyleGAN3 `SynthesisLayer`: styles from w, modulated convolution of the input scaled
/// by 1/sqrt(magnitude_ema), then the filtered leaky ReLU that up/downsamples to the next
/// layer's sampling rate.
struct StyleGAN3Layer: Sendable {
    let spec: StyleGAN3Architecture.Layer
    let wDim: Int
    /// Affine `w -> styles`, weight already times its gain 1/sqrt(w_dim).
    let affineWeight: [Float]
    let affineBias: [Float]
    /// Extra style scale: 1/sqrt(in_channels * kernel^2) for ToRGB, else 1.
    let styleGain: Float
    let inputGain: Float
    let bias: [Float]
    let convolution: StyleGAN3ModulatedConvolution
    let filter: StyleGAN3FilteredLeakyReLU

    init(spec: StyleGAN3Architecture.Layer, architecture: StyleGAN3Architecture, source: String,
         tensor: (_ name: String, _ shape: [Int]) throws -> Tensor) throws {
        self.spec = spec
        wDim = architecture.wDim
        let prefix = "synthesis.\(spec.name)."
        let gain = 1 / Float(wDim).squareRoot()
        affineWeight = try tensor(prefix + "affine.weight", [spec.inChannels, wDim]).data.map { $0 * gain }
        affineBias = try tensor(prefix + "affine.bias", [spec.inChannels]).data
        styleGain = spec.isToRGB ? 1 / Float(spec.inChannels * spec.convKernel * spec.convKernel).squareRoot() : 1
        let magnitude = try tensor(prefix + "magnitude_ema", []).data[0]
        guard magnitude > 0, magnitude.isFinite else {
            throw ModelFileError(subject: source, reason: "tensor '\(prefix)magnitude_ema' is \(magnitude); it must be a positive mean square")
        }
        inputGain = 1 / magnitude.squareRoot()
        bias = try tensor(prefix + "bias", [spec.outChannels]).data
        let weight = try tensor(prefix + "weight", [spec.outChannels, spec.inChannels, spec.convKernel, spec.convKernel])
        convolution = StyleGAN3ModulatedConvolution(weight: weight, demodulate: !spec.isToRGB)
        let upFilter = try spec.upFilterShape.map { try tensor(prefix + "up_filter", $0).data } ?? [1]
        let downFilter = try spec.downFilterShape.map { try tensor(prefix + "down_filter", $0).data } ?? [1]
        let convolved = spec.inSize + spec.convKernel - 1
        filter = StyleGAN3FilteredLeakyReLU(
            channels: spec.outChannels, inHeight: convolved, inWidth: convolved,
            up: spec.upFactor, down: spec.downFactor, padLow: spec.padLow, padHigh: spec.padHigh,
            upFilter: upFilter, downFilter: downFilter, downIsRadial: spec.downRadial && spec.downTaps > 1,
            gain: spec.activationGain, slope: spec.activationSlope, clamp: architecture.convClamp)
        guard filter.outHeight == spec.outSize, filter.outWidth == spec.outSize else {
            throw ModelFileError(subject: source, reason: "layer \(spec.name) would produce \(filter.outHeight)x\(filter.outWidth), not \(spec.outSize)x\(spec.outSize); init_kwargs describe an unsupported geometry")
        }
    }

    /// Floats of scratch each buffer of `StyleGAN3Workspace` needs for this layer.
    var paddedInputCount: Int {
        convolution.needsPaddedCopy ? spec.inChannels * convolution.layout(height: spec.inSize, width: spec.inSize).planeStride : 0
    }
    var convolutionOutputCount: Int {
        spec.outChannels * convolution.layout(height: spec.inSize, width: spec.inSize).outputPlaneStride
    }
    var winogradScratchCount: Int {
        convolution.winogradScratchCount(convolution.layout(height: spec.inSize, width: spec.inSize))
    }
    var weightCount: Int { convolution.weightCount }
    var inputCount: Int { spec.inChannels * spec.inSize * spec.inSize }
    var outputCount: Int { spec.outChannels * spec.outSize * spec.outSize }

    /// The styles (one per input channel) of the w row `w`.
    func styles(w: UnsafePointer<Float>) -> [Float] {
        var styles = affineBias
        affineWeight.withUnsafeBufferPointer { a in
            sgemv(m: spec.inChannels, n: wDim, a: a.baseAddress!, lda: wDim, x: w, beta: 1, y: &styles)
        }
        return styleGain == 1 ? styles : styles.map { $0 * styleGain }
    }

    /// Dense `[in, inSize, inSize]` in `activations`, replaced by dense `[out, outSize, outSize]`:
    /// the input is not read again once convolved, so one buffer serves as both.
    func forward(activations: UnsafeMutablePointer<Float>, w: UnsafePointer<Float>, workspace: StyleGAN3Workspace) {
        convolution.modulatedWeights(styles: styles(w: w), inputGain: inputGain, into: workspace.weights)
        let layout = convolution.layout(height: spec.inSize, width: spec.inSize)
        var input = UnsafePointer(activations)
        if convolution.needsPaddedCopy {
            convolution.pad(input, height: spec.inSize, width: spec.inSize, layout: layout, into: workspace.paddedInput)
            input = UnsafePointer(workspace.paddedInput)
        }
        convolution.convolve(input: input, layout: layout, weights: workspace.weights,
                             scratch: workspace.winogradScratch, output: workspace.convolutionOutput)
        filter.apply(input: workspace.convolutionOutput, inputRowStride: layout.outputRowStride,
                     inputPlaneStride: layout.outputPlaneStride, bias: bias, output: activations)
    }
}

/// Scratch memory for one image, sized for the largest layer and reused by every layer.
final class StyleGAN3Workspace {
    let paddedInput: UnsafeMutablePointer<Float>
    let convolutionOutput: UnsafeMutablePointer<Float>
    let weights: UnsafeMutablePointer<Float>
    /// Transformed inputs and products of one Winograd chunk.
    let winogradScratch: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>)
    /// The activations between layers: each layer's input, then its output.
    let activations: UnsafeMutablePointer<Float>

    init(layers: [StyleGAN3Layer], input: StyleGAN3Input) {
        let features = input.channels * input.size * input.size
        // Also the Fourier-feature input's scratch.
        paddedInput = HugePageBuffer.allocate(floats: max(layers.map(\.paddedInputCount).max() ?? 0, features))
        convolutionOutput = HugePageBuffer.allocate(floats: layers.map(\.convolutionOutputCount).max() ?? 0)
        weights = HugePageBuffer.allocate(floats: layers.map(\.weightCount).max() ?? 0)
        let winogradCount = layers.map(\.winogradScratchCount).max() ?? 0
        winogradScratch = (HugePageBuffer.allocate(floats: winogradCount), HugePageBuffer.allocate(floats: winogradCount))
        let activationCount = max(layers.map { max($0.inputCount, $0.outputCount) }.max() ?? 0, features)
        activations = HugePageBuffer.allocate(floats: activationCount)
    }

    deinit {
        for buffer in [paddedInput, convolutionOutput, weights, winogradScratch.0, winogradScratch.1, activations] {
            HugePageBuffer.deallocate(buffer)
        }
    }
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

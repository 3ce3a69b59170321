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

    /// Floats of scratch each buffer of `StyleGAN3Workspace` needs for this layer (Winograd's
    /// the least it runs in).
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
        let buffers = workspace.buffers(for: self)
        convolution.modulatedWeights(styles: styles(w: w), inputGain: inputGain, into: buffers.weights)
        let layout = convolution.layout(height: spec.inSize, width: spec.inSize)
        var input = UnsafePointer(activations)
        if convolution.needsPaddedCopy {
            convolution.pad(input, height: spec.inSize, width: spec.inSize, layout: layout, into: workspace.paddedInput)
            input = UnsafePointer(workspace.paddedInput)
        }
        convolution.convolve(input: input, layout: layout, weights: buffers.weights,
                             scratch: buffers.winograd, scratchCount: buffers.winogradCount,
                             output: buffers.convolutionOutput)
        filter.apply(input: buffers.convolutionOutput, inputRowStride: layout.outputRowStride,
                     inputPlaneStride: layout.outputPlaneStride, bias: bias, output: activations)
    }
}

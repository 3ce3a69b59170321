import BLAS
import Foundation
import StyleCastIO

/// Reads a `resample_filter` buffer and checks it is the filter `init_kwargs` imply, since the
/// engine applies that filter separably rather than the stored 2-D copy.
func checkResampleFilter(file: SafeTensorsFile, name: String, spec: StyleGAN2Spec) throws {
    let taps = spec.resampleFilter.count
    let stored = try file.tensor(name, shape: [taps, taps]).data
    for (value, expected) in zip(stored, spec.resampleFilter2D) where abs(value - expected) > 1e-6 * max(1, abs(expected)) {
        throw ModelFileError(subject: file.path, reason: "tensor '\(name)' is not the resample filter \(spec.resampleFilter) that init_kwargs give")
    }
}

/// How a StyleGAN2 layer computes its 3x3 convolution, fixed by the layer's shape.
enum StyleGAN2Convolution: Sendable {
    /// Up-sampling: the sub-pixel transposed convolution, then the low-pass filter.
    case transposed
    /// Same size, by Winograd F(4x4, 3x3).
    case winograd
    /// Same size, by per-tap GEMM products (`TapConvolution`).
    case taps
}

/// NVlabs `SynthesisLayer`: modulated, demodulated 3x3 convolution (optionally up-sampling by 2),
/// noise, bias, activation with gain, clamp.
///
/// Modulation and demodulation scale input channel i by s[i] and output channel o by d[o], so
/// instead of re-deriving the weights for every image, the input is scaled by s and the output
/// by d (the official non-fused path, the same function).
///
/// The layer keeps its 3x3 weights tap-major: the sub-pixel transposed convolution and the tap
/// convolution multiply by them directly, and the reverse mode works from them. A Winograd layer
/// also keeps their transform, made once at load: the styles scale the input, not the weights,
/// so it is the same for every image (it was made per image: 4% of sg2-256's time, most of it
/// the 32x32 layer's 9.4M floats; the price is 4x the layer's weights in memory).
struct StyleGAN2ConvLayer: Sendable {
    let inChannels: Int
    let outChannels: Int
    /// Output size.
    let height: Int
    let width: Int
    let up: Bool
    let affine: FullyConnectedLayer
    /// [9 * Cout, Cin], row (ky * 3 + kx) * Cout + o (`TransposedConvolution.tapWeights`).
    let tapWeights: [Float]
    /// sum over the 3x3 taps of W[o, i]^2, [Cout, Cin]: demodulation is d[o] = 1/sqrt(sum_i n[o,i] s[i]^2 + 1e-8).
    let squaredNorms: [Float]
    let bias: [Float]
    /// `noise_const * noise_strength`, the noise of `NoiseMode.const`.
    let scaledNoiseConst: [Float]?
    let noiseStrength: Float
    let activation: Activation
    let convClamp: Float?
    /// The low-pass filter after the transposed convolution of an up-sampling layer.
    let upFilter: SeparableUpFIRDn
    /// How `forward` convolves, and how `backward` runs the transposed convolution.
    let algorithm: StyleGAN2Convolution
    /// The Winograd transform of the weights, [36, Cout, Cin], for the `.winograd` algorithm.
    let winogradWeights: [Float]?

    init(file: SafeTensorsFile, prefix: String, spec: StyleGAN2Spec,
         inChannels: Int, outChannels: Int, height: Int, width: Int, up: Bool) throws {
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.height = height
        self.width = width
        self.up = up
        affine = try FullyConnectedLayer(file: file, prefix: "\(prefix).affine", inFeatures: spec.wDim, outFeatures: inChannels)
        let weights = TransposedConvolution.tapWeights(try file.tensor("\(prefix).weight", shape: [outChannels, inChannels, 3, 3]).data,
                                                       outChannels: outChannels, inChannels: inChannels)
        tapWeights = weights
        let pairs = outChannels * inChannels
        squaredNorms = (0..<pairs).map { pair in
            (0..<9).reduce(Float(0)) { sum, k in sum + weights[k * pairs + pair] * weights[k * pairs + pair] }
        }
        bias = try file.tensor("\(prefix).bias", shape: [outChannels]).data
        try checkResampleFilter(file: file, name: "\(prefix).resample_filter", spec: spec)
        if spec.useNoise {
            let strength = try file.tensor("\(prefix).noise_strength", shape: []).data[0]
            scaledNoiseConst = try file.tensor("\(prefix).noise_const", shape: [height, width]).data.map { $0 * strength }
            noiseStrength = strength
        } else {
            scaledNoiseConst = nil
            noiseStrength = 0
        }
        activation = spec.activation
        convClamp = spec.convClamp
        // conv2d_resample's padding for up=2 with a 3x3 kernel and padding 1, after the
        // transposed convolution: p0 = 1 + (taps + 1) / 2 - 2, p1 = 1 + (taps - 2) / 2 - 1.
        let taps = spec.resampleFilter.count
        upFilter = SeparableUpFIRDn(filter: spec.resampleFilter, up: 1,
                                    padBefore: (taps + 1) / 2 - 1, padAfter: (taps - 2) / 2, gain: 4)
        // Winograd needs sides its 4x4 output tiles divide. Below 32x32 the per-image weight
        // transform costs more than it saves, in both directions: the reverse mode's transform of
        // the transposed weights took 7 ms per 512-channel layer on sg2-256, its 4x4 layer's
        // Winograd GEMMs one tile each (bench-project: ~5% of a step).
        let tiles = Winograd.covers(height: height, width: width)
        algorithm = up ? .transposed : tiles && min(height, width) >= TapConvolution.winogradMinimumSize ? .winograd : .taps
        winogradWeights = algorithm != .winograd ? nil : weights.withUnsafeBufferPointer { taps in
            [Float](unsafeUninitializedCapacity: Winograd.positions * pairs) { u, count in
                Winograd.transformWeights(taps: taps.baseAddress!, pairs: pairs, into: u.baseAddress!,
                                          workers: availableCores)
                count = Winograd.positions * pairs
            }
        }
    }

    /// d[o] = 1/sqrt(sum_i (W[o,i] s[i])^2 + 1e-8).
    func demodulation(styles: [Float]) -> [Float] {
        let squaredStyles = styles.map { $0 * $0 }
        var sums = [Float](repeating: 0, count: outChannels)
        squaredNorms.withUnsafeBufferPointer { norms in
            sgemv(m: outChannels, n: inChannels, a: norms.baseAddress!, lda: inChannels, x: squaredStyles, y: &sums)
        }
        return sums.map { 1 / ($0 + 1e-8).squareRoot() }
    }

    /// input [Cin, height/up, width/up] -> output [Cout, height, width]. `gain` is the block's extra gain
    /// (sqrt(1/2) for the resnet conv1), which also scales the clamp. Each convolution hands its
    /// output to the activation a channel (or, in Winograd, four rows) at a time, while in cache.
    func forward(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, w: ArraySlice<Float>,
                 noise: [Float]?, gain: Float, workspace: StyleGAN2Workspace) {
        let styles = affine(Array(w))
        let demodulation = demodulation(styles: styles)
        let plane = height * width
        withOptionalPointer(noise) { noise in
            let finish = { (channel: Int, first: Int, count: Int) in
                demodulateAndActivate(output + channel * plane, channel: channel, from: first, count: count,
                                      demodulation: demodulation, noise: noise, gain: gain)
            }
            switch algorithm {
            case .transposed: upsamplingConvolution(input: input, styles: styles, output: output, workspace: workspace, finish: finish)
            case .taps: tapConvolution(input: input, styles: styles, output: output, workspace: workspace, finish: finish)
            case .winograd: winogradConvolution(input: input, styles: styles, output: output, workspace: workspace, finish: finish)
            }
        }
    }

    /// input * s into the workspace, for the convolutions that cannot fold the scale into their input transform.
    private func scaledInput(_ input: UnsafePointer<Float>, styles: [Float], plane: Int,
                             workspace: StyleGAN2Workspace) -> UnsafeMutablePointer<Float> {
        let scaled = workspace.scaledInput.pointer
        parallelFor(inChannels, work: inChannels * plane) { c in
            let s = styles[c]
            for p in c * plane ..< (c + 1) * plane { scaled[p] = input[p] * s }
        }
        return scaled
    }

    /// Sub-pixel transposed convolution of the half-size input, then the low-pass filter.
    private func upsamplingConvolution(input: UnsafePointer<Float>, styles: [Float], output: UnsafeMutablePointer<Float>,
                                       workspace: StyleGAN2Workspace, finish: (Int, Int, Int) -> Void) {
        let inHeight = height / 2, inWidth = width / 2
        let scaled = scaledInput(input, styles: styles, plane: inHeight * inWidth, workspace: workspace)
        tapWeights.withUnsafeBufferPointer { weights in
            TransposedConvolution.products(input: scaled, inChannels: inChannels, height: inHeight, width: inWidth,
                                           tapWeights: weights.baseAddress!, outChannels: outChannels,
                                           into: workspace.products.pointer)
        }
        let fullHeight = 2 * inHeight + 1, fullWidth = 2 * inWidth + 1
        let workers = workspace.workers, perWorker = workspace.perWorkerScratch
        parallelFor(workers, work: outChannels * fullHeight * fullWidth) { worker in
            let plane = workspace.scratch.pointer + worker * perWorker
            var channel = worker
            while channel < outChannels {
                TransposedConvolution.scatter(products: workspace.products.pointer, channel: channel,
                                              outChannels: outChannels, height: inHeight, width: inWidth, into: plane)
                upFilter.apply(plane, height: fullHeight, width: fullWidth,
                               into: output + channel * height * width, scratch: plane + fullHeight * fullWidth)
                finish(channel, 0, height * width)
                channel += workers
            }
        }
    }

    /// Same-size convolution as one GEMM per tap, gathered per output pixel.
    private func tapConvolution(input: UnsafePointer<Float>, styles: [Float], output: UnsafeMutablePointer<Float>,
                                workspace: StyleGAN2Workspace, finish: (Int, Int, Int) -> Void) {
        let scaled = scaledInput(input, styles: styles, plane: height * width, workspace: workspace)
        tapWeights.withUnsafeBufferPointer { weights in
            TransposedConvolution.products(input: scaled, inChannels: inChannels, height: height, width: width,
                                           tapWeights: weights.baseAddress!, outChannels: outChannels,
                                           into: workspace.products.pointer)
        }
        parallelFor(outChannels, work: outChannels * height * width * 9) { channel in
            TapConvolution.gather(products: workspace.products.pointer, channel: channel, outChannels: outChannels,
                                  height: height, width: width, into: output + channel * height * width)
            finish(channel, 0, height * width)
        }
    }

    /// Floats of tiles (and of products) per Winograd band, forward and reverse alike.
    func winogradBandFloats(workspace: StyleGAN2Workspace) -> Int {
        min(workspace.tiles.count, Winograd.bandCapacity(inChannels: inChannels, outChannels: outChannels, width: width))
    }

    /// Same-size Winograd F(4x4, 3x3), the styles folded into its input transform.
    private func winogradConvolution(input: UnsafePointer<Float>, styles: [Float], output: UnsafeMutablePointer<Float>,
                                     workspace: StyleGAN2Workspace, finish: (Int, Int, Int) -> Void) {
        let bandFloats = winogradBandFloats(workspace: workspace)
        winogradWeights!.withUnsafeBufferPointer { u in
            Winograd.convolve(input: input, inChannels: inChannels, height: height, width: width, inputScale: styles,
                              u: u.baseAddress!, outChannels: outChannels, output: output,
                              tiles: workspace.tiles.pointer, products: workspace.products.pointer,
                              tileCapacity: bandFloats, productCapacity: bandFloats,
                              rows: workspace.scratch.pointer, workers: workspace.workers,
                              finish: finish)
        }
    }

    /// x = clamp(act(x * d + noise + b) * gain, +-clamp * gain), bias_act after the noise, on
    /// values first ..< first + count of output channel `o`'s plane `x`; `noise` nil adds zeros
    /// (the same sums, without a plane of them to read).
    private func demodulateAndActivate(_ x: UnsafeMutablePointer<Float>, channel o: Int, from first: Int, count: Int,
                                       demodulation: [Float], noise: UnsafePointer<Float>?, gain: Float) {
        if let noise {
            demodulateAndActivate(x, channel: o, from: first, count: count, demodulation: demodulation, gain: gain) { noise[$0] }
        } else {
            demodulateAndActivate(x, channel: o, from: first, count: count, demodulation: demodulation, gain: gain) { _ in 0 }
        }
    }

    @inline(__always)
    private func demodulateAndActivate(_ x: UnsafeMutablePointer<Float>, channel o: Int, from first: Int, count: Int,
                                       demodulation: [Float], gain: Float, noise: (Int) -> Float) {
        let totalGain = activation.defaultGain * gain
        let clamp = convClamp.map { $0 * gain } ?? .infinity
        let d = demodulation[o], b = bias[o]
        // One plain loop per activation, so each vectorises.
        switch activation {
        case .lrelu:
            for p in first ..< first + count {
                let v = (x[p] * d + noise(p)) + b
                x[p] = min(max((v >= 0 ? v : v * 0.2) * totalGain, -clamp), clamp)
            }
        case .relu:
            for p in first ..< first + count { x[p] = min(max(max((x[p] * d + noise(p)) + b, 0) * totalGain, -clamp), clamp) }
        case .linear:
            for p in first ..< first + count { x[p] = min(max(((x[p] * d + noise(p)) + b) * totalGain, -clamp), clamp) }
        }
    }

    /// This layer's noise for `mode`, already scaled by its strength; nil when there is none.
    func noise(mode: NoiseMode, random: inout NumpyRandom) -> [Float]? {
        guard let scaledNoiseConst else { return nil }
        switch mode {
        case .none: return nil
        case .const: return scaledNoiseConst
        case .random: return (0..<height * width).map { _ in Float(random.nextGaussian()) * noiseStrength }
        }
    }
}

/// NVlabs `ToRGBLayer`: modulated 1x1 convolution without demodulation, bias, clamp.
struct StyleGAN2ToRGBLayer: Sendable {
    let inChannels: Int
    let imageChannels: Int
    let affine: FullyConnectedLayer
    /// [C, Cin] as stored.
    let weight: [Float]
    let bias: [Float]
    let convClamp: Float?

    init(file: SafeTensorsFile, prefix: String, spec: StyleGAN2Spec, inChannels: Int) throws {
        self.inChannels = inChannels
        imageChannels = spec.imageChannels
        affine = try FullyConnectedLayer(file: file, prefix: "\(prefix).affine", inFeatures: spec.wDim, outFeatures: inChannels)
        weight = try file.tensor("\(prefix).weight", shape: [spec.imageChannels, inChannels, 1, 1]).data
        bias = try file.tensor("\(prefix).bias", shape: [spec.imageChannels]).data
        convClamp = spec.convClamp
    }

    /// features [Cin, plane] -> output [C, plane] (overwritten).
    func forward(features: UnsafePointer<Float>, plane: Int, w: ArraySlice<Float>, output: UnsafeMutablePointer<Float>) {
        let weightGain = 1 / Float(inChannels).squareRoot()
        let styles = affine(Array(w)).map { $0 * weightGain }
        var modulated = [Float](repeating: 0, count: imageChannels * inChannels)
        for c in 0..<imageChannels {
            for i in 0..<inChannels { modulated[c * inChannels + i] = weight[c * inChannels + i] * styles[i] }
        }
        // Split over the cores by pixels: three output rows make a GEMM that streams the whole
        // feature map through for little arithmetic (5% of sg2-256's time on one core).
        modulated.withUnsafeBufferPointer { modulated in
            ParallelGEMM.sgemmBlocks(m: imageChannels, n: plane, k: inChannels, a: modulated.baseAddress!, lda: inChannels,
                                     b: features, ldb: plane, accumulate: false, c: output, ldc: plane)
        }
        let clamp = convClamp ?? .infinity
        for c in 0..<imageChannels {
            let row = output + c * plane
            for p in 0..<plane { row[p] = min(max(row[p] + bias[c], -clamp), clamp) }
        }
    }
}

/// The resnet block's shortcut, NVlabs `Conv2dLayer(kernel 1, up 2, no bias)` applied with gain
/// sqrt(1/2). Both steps are linear and per-pixel / per-channel, so the 1x1 projection runs first
/// at the lower resolution, then the up-sampling.
struct StyleGAN2ResnetSkip: Sendable {
    let inChannels: Int
    let outChannels: Int
    /// [Cout, Cin] times the weight gain 1/sqrt(Cin) and the block gain sqrt(1/2).
    let weight: [Float]
    let upsample: SeparableUpFIRDn

    init(file: SafeTensorsFile, prefix: String, spec: StyleGAN2Spec, inChannels: Int, outChannels: Int) throws {
        self.inChannels = inChannels
        self.outChannels = outChannels
        let scale = 1 / Float(inChannels).squareRoot()
        let gain = Float(0.5).squareRoot()
        weight = try file.tensor("\(prefix).weight", shape: [outChannels, inChannels, 1, 1]).data.map { $0 * scale * gain }
        try checkResampleFilter(file: file, name: "\(prefix).resample_filter", spec: spec)
        upsample = .upsample2x(filter: spec.resampleFilter)
    }
}

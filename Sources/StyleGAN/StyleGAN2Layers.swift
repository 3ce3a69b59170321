import BLAS

/// Reads a `resample_filter` buffer and checks it is the filter `init_kwargs` imply, since the
/// engine applies that filter separably rather than the stored 2-D copy.
func checkResampleFilter(file: SafeTensorsFile, name: String, spec: StyleGAN2Spec) throws {
    let taps = spec.resampleFilter.count
    let stored = try file.tensor(name, shape: [taps, taps]).data
    for (value, expected) in zip(stored, spec.resampleFilter2D) where abs(value - expected) > 1e-6 * max(1, abs(expected)) {
        throw ModelFileError(path: file.path, reason: "tensor '\(name)' is not the resample filter \(spec.resampleFilter) that init_kwargs give")
    }
}

/// NVlabs `SynthesisLayer`: modulated, demodulated 3x3 convolution (optionally up-sampling by 2),
/// noise, bias, activation with gain, clamp.
struct StyleGAN2ConvLayer: Sendable {
    let inChannels: Int
    let outChannels: Int
    /// Output resolution.
    let resolution: Int
    let up: Bool
    let affine: FullyConnectedLayer
    /// [Cout, Cin, 3, 3] as stored.
    let weight: [Float]
    let bias: [Float]
    let noiseConst: [Float]?
    let noiseStrength: Float
    let activation: Activation
    let convClamp: Float?
    /// The low-pass filter after the transposed convolution of an up-sampling layer.
    let upFilter: SeparableUpFIRDn

    init(file: SafeTensorsFile, prefix: String, spec: StyleGAN2Spec,
         inChannels: Int, outChannels: Int, resolution: Int, up: Bool) throws {
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.resolution = resolution
        self.up = up
        affine = try FullyConnectedLayer(file: file, prefix: "\(prefix).affine", inFeatures: spec.wDim, outFeatures: inChannels)
        weight = try file.tensor("\(prefix).weight", shape: [outChannels, inChannels, 3, 3]).data
        bias = try file.tensor("\(prefix).bias", shape: [outChannels]).data
        try checkResampleFilter(file: file, name: "\(prefix).resample_filter", spec: spec)
        if spec.useNoise {
            noiseConst = try file.tensor("\(prefix).noise_const", shape: [resolution, resolution]).data
            noiseStrength = try file.tensor("\(prefix).noise_strength", shape: []).data[0]
        } else {
            noiseConst = nil
            noiseStrength = 0
        }
        activation = spec.activation
        convClamp = spec.convClamp
        // conv2d_resample's padding for up=2 with a 3x3 kernel and padding 1, after the
        // transposed convolution: p0 = 1 + (taps + 1) / 2 - 2, p1 = 1 + (taps - 2) / 2 - 1.
        let taps = spec.resampleFilter.count
        upFilter = SeparableUpFIRDn(filter: spec.resampleFilter, up: 1,
                                    padBefore: (taps + 1) / 2 - 1, padAfter: (taps - 2) / 2, gain: 4)
    }

    /// Modulates and demodulates the weights for style row `w`: W'[o,i,k] = W[o,i,k] s[i] d[o],
    /// d[o] = 1/sqrt(sum (W s)^2 + 1e-8). Plain layers get [Cout, Cin*9]; up-sampling layers get
    /// the tap-major [9*Cout, Cin] the sub-pixel transposed convolution multiplies by.
    func modulatedWeights(w: ArraySlice<Float>, into target: UnsafeMutablePointer<Float>) {
        let styles = affine(Array(w))
        let perOutput = inChannels * 9
        weight.withUnsafeBufferPointer { raw in
            parallelFor(outChannels, minimumWorkPerItem: perOutput) { o in
                var sumSquares: Float = 0
                for i in 0..<inChannels {
                    for k in 0..<9 {
                        let v = raw[o * perOutput + i * 9 + k] * styles[i]
                        sumSquares += v * v
                    }
                }
                let demodulation = 1 / (sumSquares + 1e-8).squareRoot()
                for i in 0..<inChannels {
                    let s = styles[i]
                    for k in 0..<9 {
                        let v = raw[o * perOutput + i * 9 + k] * s * demodulation
                        if up {
                            target[(k * outChannels + o) * inChannels + i] = v
                        } else {
                            target[o * perOutput + i * 9 + k] = v
                        }
                    }
                }
            }
        }
    }

    /// input [Cin, res/up, res/up] -> output [Cout, res, res]. `gain` is the block's extra gain
    /// (sqrt(1/2) for the resnet conv1), which also scales the clamp.
    func forward(input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>, w: ArraySlice<Float>,
                 noise: [Float]?, gain: Float, workspace: StyleGAN2Workspace) {
        let weights = workspace.weights.pointer
        modulatedWeights(w: w, into: weights)
        let inRes = up ? resolution / 2 : resolution
        if up {
            Convolution.transposed3x3Stride2(input: input, inChannels: inChannels, height: inRes, width: inRes,
                                             tapWeights: weights, outChannels: outChannels,
                                             products: workspace.columns.pointer)
            let full = 2 * inRes + 1
            let perWorker = workspace.perWorkerScratch
            let workers = workspace.workers
            parallelFor(workers, minimumWorkPerItem: outChannels * full * full) { worker in
                let plane = workspace.scratch.pointer + worker * perWorker
                let rowPass = plane + full * full
                var channel = worker
                while channel < outChannels {
                    Convolution.scatterTransposedTaps(products: workspace.columns.pointer, channel: channel,
                                                      outChannels: outChannels, height: inRes, width: inRes, into: plane)
                    upFilter.apply(plane, height: full, width: full,
                                   into: output + channel * resolution * resolution, rowPass: rowPass)
                    channel += workers
                }
            }
        } else {
            Convolution.same3x3(input: input, inChannels: inChannels, height: resolution, width: resolution,
                                weights: weights, outChannels: outChannels, output: output,
                                columns: workspace.columns.pointer, columnCapacity: workspace.columns.count)
        }
        addNoiseBiasActivate(output, noise: noise, gain: gain)
    }

    /// bias_act after the noise: x = clamp(act(x + noise + b) * gain, +-clamp * gain).
    private func addNoiseBiasActivate(_ x: UnsafeMutablePointer<Float>, noise: [Float]?, gain: Float) {
        let plane = resolution * resolution
        let totalGain = activation.defaultGain * gain
        let clamp = convClamp.map { $0 * gain } ?? .infinity
        parallelFor(outChannels, minimumWorkPerItem: plane) { o in
            let row = x + o * plane
            let b = bias[o]
            if let noise {
                for p in 0..<plane { row[p] = min(max(activation((row[p] + noise[p]) + b) * totalGain, -clamp), clamp) }
            } else {
                for p in 0..<plane { row[p] = min(max(activation(row[p] + b) * totalGain, -clamp), clamp) }
            }
        }
    }

    /// This layer's noise for `mode`, already scaled by its strength; nil when there is none.
    func noise(mode: NoiseMode, random: inout NumpyRandom) -> [Float]? {
        guard let noiseConst else { return nil }
        switch mode {
        case .none: return nil
        case .const: return noiseConst.map { $0 * noiseStrength }
        case .random: return (0..<noiseConst.count).map { _ in Float(random.nextGaussian()) * noiseStrength }
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
        sgemm(m: imageChannels, n: plane, k: inChannels, a: modulated, lda: inChannels,
              b: features, ldb: plane, c: output, ldc: plane)
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

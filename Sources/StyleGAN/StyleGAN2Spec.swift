/// How a StyleGAN2 synthesis network turns features into the image (NVlabs `architecture`).
public enum StyleGAN2Architecture: String, Sendable, CaseIterable {
    /// Only the last block converts its features to an image.
    case orig
    /// Every block adds its own toRGB output to the up-sampled image so far (config F).
    case skip
    /// Blocks add an up-sampled 1x1 projection of their input to their output.
    case resnet
}

/// The constructor arguments of `networks_stylegan2.SynthesisNetwork` and its blocks and layers,
/// with the NVlabs defaults, and the block layout they imply.
public struct StyleGAN2Spec: Sendable, Equatable {
    public var wDim: Int
    /// The output height (`img_resolution`); the width follows from `initWidth`.
    public var resolution: Int
    /// The first block's size (`init_res`, default [4, 4]); every later block doubles both sides.
    public var initHeight: Int
    public var initWidth: Int
    public var imageChannels: Int
    public var channelBase: Int
    public var channelMax: Int
    public var architecture: StyleGAN2Architecture
    /// The 1-D resampling filter as given (`[1, 3, 3, 1]`); it is used separably, normalised.
    public var resampleFilter: [Float]
    /// Clamp of conv outputs, nil = none (the block default is 256).
    public var convClamp: Float?
    public var useNoise: Bool
    public var activation: Activation
    public static let kernelSize = 3

    /// Reads the synthesis arguments (top-level `init_kwargs` less the generator's own fields).
    static func read(wDim: Int, resolution: Int, imageChannels: Int, kwargs: inout InitKwargs) throws -> StyleGAN2Spec {
        let initRes = try kwargs.intList("init_res", count: 2, default: [4, 4], atLeast: 1)
        let doublings = resolution / initRes[0]
        guard resolution >= initRes[0], resolution % initRes[0] == 0, doublings & (doublings - 1) == 0 else {
            throw kwargs.error("img_resolution", "must be the first block's height \(initRes[0]) (init_res [height, width]) times a power of two for StyleGAN2, got \(resolution)")
        }
        let channelBase = try kwargs.int("channel_base", default: 32768, atLeast: 1)
        let channelMax = try kwargs.int("channel_max", default: 512, atLeast: 1)
        let architecture = try kwargs.choice("architecture", default: StyleGAN2Architecture.skip)
        let filter = try kwargs.floatList("resample_filter", default: [1, 3, 3, 1])
        guard filter.reduce(0, +) != 0 else {
            throw kwargs.error("resample_filter", "must not sum to zero (it is normalised by its sum)")
        }
        let convClamp = try kwargs.optionalFloat("conv_clamp", default: 256, atLeast: 0)
        let kernel = try kwargs.int("kernel_size", default: kernelSize, atLeast: 1)
        guard kernel == kernelSize else {
            throw kwargs.error("kernel_size", "only 3x3 synthesis convolutions are supported, got \(kernel)")
        }
        let useNoise = try kwargs.bool("use_noise", default: true)
        let activation = try kwargs.choice("activation", default: Activation.lrelu)
        // Precision and memory-layout switches: this engine always computes in float32.
        kwargs.ignore(["num_fp16_res", "fp16_channels_last", "fused_modconv_default", "channels_last"])
        let spec = StyleGAN2Spec(wDim: wDim, resolution: resolution, initHeight: initRes[0], initWidth: initRes[1],
                                 imageChannels: imageChannels,
                                 channelBase: channelBase, channelMax: channelMax,
                                 architecture: architecture,
                                 resampleFilter: filter, convClamp: convClamp, useNoise: useNoise,
                                 activation: activation)
        guard spec.blockResolutions.allSatisfy({ spec.channels(at: $0) >= 1 }) else {
            throw kwargs.error("channel_base", "\(channelBase) gives blocks with no channels at resolution \(resolution); raise channel_base")
        }
        return spec
    }

    /// The block heights initHeight, 2 initHeight, ..., resolution; blocks are named by them.
    public var blockResolutions: [Int] {
        var list: [Int] = []
        var res = initHeight
        while res <= resolution { list.append(res); res *= 2 }
        return list
    }

    /// The width of the block whose height is `res`.
    public func width(at res: Int) -> Int { res / initHeight * initWidth }

    /// The output image width.
    public var imageWidth: Int { width(at: resolution) }

    /// Feature channels of the block at height `res`: min(channel_base / res, channel_max).
    public func channels(at res: Int) -> Int { min(channelBase / res, channelMax) }

    /// Input channels of the block at `res` (0 for the first, constant-input block).
    public func inputChannels(at res: Int) -> Int { res > initHeight ? channels(at: res / 2) : 0 }

    public func numConv(at res: Int) -> Int { res > initHeight ? 2 : 1 }

    public func hasToRGB(at res: Int) -> Bool { res == resolution || architecture == .skip }

    /// w rows: every conv takes one, plus the last block's toRGB (earlier toRGBs share the
    /// next block's first row, as the official `ws.narrow` split does).
    public var numWs: Int { blockResolutions.reduce(0) { $0 + numConv(at: $1) } + 1 }

    /// The resampling filter buffer `upfirdn2d.setup_filter` stores: outer(f, f) / sum(f)^2.
    public var resampleFilter2D: [Float] {
        let sum = resampleFilter.reduce(0, +)
        let f = resampleFilter.map { $0 / sum }
        return f.flatMap { a in f.map { b in a * b } }
    }

    /// The tensors `synthesis.*` of the model file, in network order.
    public var tensorSpecs: [TensorSpec] {
        let taps = resampleFilter.count
        let filter = TensorSpec.Initializer.values(resampleFilter2D)
        var specs: [TensorSpec] = []
        func affine(_ prefix: String, _ inChannels: Int) {
            specs.append(TensorSpec("\(prefix).affine.weight", [inChannels, wDim]))
            specs.append(TensorSpec("\(prefix).affine.bias", [inChannels], initializer: .constant(1)))
        }
        func layer(_ prefix: String, _ inChannels: Int, _ outChannels: Int, _ res: Int) {
            let width = width(at: res)
            affine(prefix, inChannels)
            specs.append(TensorSpec("\(prefix).weight", [outChannels, inChannels, Self.kernelSize, Self.kernelSize]))
            specs.append(TensorSpec("\(prefix).bias", [outChannels], initializer: .constant(0)))
            specs.append(TensorSpec("\(prefix).resample_filter", [taps, taps], isParameter: false, initializer: filter))
            if useNoise {
                specs.append(TensorSpec("\(prefix).noise_const", [res, width], isParameter: false))
                // Trained models have small noise strengths; random models get 0.1 so noise shows.
                specs.append(TensorSpec("\(prefix).noise_strength", [], initializer: .constant(0.1)))
            }
        }
        for res in blockResolutions {
            let block = "synthesis.b\(res)"
            let inChannels = inputChannels(at: res), outChannels = channels(at: res)
            specs.append(TensorSpec("\(block).resample_filter", [taps, taps], isParameter: false, initializer: filter))
            if inChannels == 0 {
                specs.append(TensorSpec("\(block).const", [outChannels, res, width(at: res)]))
            } else {
                layer("\(block).conv0", inChannels, outChannels, res)
            }
            layer("\(block).conv1", outChannels, outChannels, res)
            if hasToRGB(at: res) {
                affine("\(block).torgb", outChannels)
                specs.append(TensorSpec("\(block).torgb.weight", [imageChannels, outChannels, 1, 1]))
                specs.append(TensorSpec("\(block).torgb.bias", [imageChannels], initializer: .constant(0)))
            }
            if inChannels != 0 && architecture == .resnet {
                specs.append(TensorSpec("\(block).skip.weight", [outChannels, inChannels, 1, 1]))
                specs.append(TensorSpec("\(block).skip.resample_filter", [taps, taps], isParameter: false, initializer: filter))
            }
        }
        return specs
    }
}

import Foundation
import StyleCastIO

/// The shape of a StyleGAN3 synthesis network, derived from the generator's `init_kwargs` the
/// way NVlabs' `networks_stylegan3.SynthesisNetwork` and `SynthesisLayer` derive it: a geometric
/// progression of cutoffs and stopbands, sampling rates rounded up to powers of two, channel
/// counts from `channel_base / cutoff`, and per-layer up/down factors, filter taps and padding.
public struct StyleGAN3Architecture: Sendable, Equatable {
    /// One synthesis layer (`L0_36_512` ... the final ToRGB).
    public struct Layer: Sendable, Equatable {
        public var name: String
        public var isToRGB: Bool
        public var inChannels: Int
        public var outChannels: Int
        public var inSize: Int
        public var outSize: Int
        public var convKernel: Int
        public var upFactor: Int
        public var downFactor: Int
        /// Taps of the 1-D upsampling filter; 1 means no filter is stored (identity).
        public var upTaps: Int
        /// Taps of the downsampling filter (per side when radial); 1 means identity.
        public var downTaps: Int
        /// The downsampling filter is a 2-D radially symmetric (jinc) filter, not separable.
        public var downRadial: Bool
        /// Zero padding (negative: cropping) applied to the upsampled image, low then high side,
        /// the same on both axes.
        public var padLow: Int
        public var padHigh: Int
        /// Leaky ReLU gain and slope: sqrt(2) and 0.2, or 1 and 1 (linear) for ToRGB.
        public var activationGain: Float
        public var activationSlope: Float
        // Filter design parameters (only used to design filters for random weights).
        public var inCutoff: Double
        public var outCutoff: Double
        public var inHalfWidth: Double
        public var outHalfWidth: Double
        public var tmpSamplingRate: Double

        var upFilterShape: [Int]? { upTaps > 1 ? [upTaps] : nil }
        var downFilterShape: [Int]? { downTaps > 1 ? (downRadial ? [downTaps, downTaps] : [downTaps]) : nil }
    }

    public var wDim: Int
    public var imageResolution: Int
    public var imageChannels: Int
    /// Channels, size, sampling rate and bandwidth of the Fourier-feature input.
    public var inputChannels: Int
    public var inputSize: Int
    public var inputSamplingRate: Double
    public var inputBandwidth: Double
    public var outputScale: Float
    /// `conv_clamp`; nil disables clamping.
    public var convClamp: Float?
    public var layers: [Layer]

    /// One w row for the input plus one per layer.
    public var numWs: Int { layers.count + 1 }

    /// Keys the NVlabs StyleGAN3 `Generator` constructor accepts (it would refuse any other).
    /// `num_fp16_res` and `magnitude_ema_beta` only matter on GPUs and in training: accepted,
    /// then unused (inference here is float32 throughout).
    static let knownKeys = [
        "z_dim", "c_dim", "w_dim", "img_resolution", "img_channels", "mapping_kwargs",
        "channel_base", "channel_max", "num_layers", "num_critical", "first_cutoff",
        "first_stopband", "last_stopband_rel", "margin_size", "output_scale", "num_fp16_res",
        "conv_kernel", "filter_size", "lrelu_upsampling", "use_radial_filters", "conv_clamp",
        "magnitude_ema_beta",
    ]

    /// Builds the architecture from `init_kwargs`; `source` names the file for error messages.
    public init(initKwargs: JSONObject, source: String) throws {
        var kwargs = try InitKwargs(JSONField(.object(initKwargs), file: source, name: "init_kwargs"))
        kwargs.ignore(Self.knownKeys)
        try kwargs.rejectUnread("is not a StyleGAN3 generator argument (is this a StyleGAN3 model?)")
        let resolution = try kwargs.int("img_resolution", atLeast: 1)
        let imageChannels = try kwargs.int("img_channels", atLeast: 1)
        wDim = try kwargs.int("w_dim", atLeast: 1)
        imageResolution = resolution
        self.imageChannels = imageChannels
        let channelBase = try kwargs.double("channel_base", default: 32768, atLeast: 1)
        let channelMax = try kwargs.double("channel_max", default: 512, atLeast: 1)
        let numLayers = try kwargs.int("num_layers", default: 14, atLeast: 1)
        let numCritical = try kwargs.int("num_critical", default: 2, atLeast: 0)
        guard numLayers > numCritical else {
            throw kwargs.error("num_layers", "must exceed num_critical (\(numCritical))")
        }
        let firstCutoff = try kwargs.double("first_cutoff", default: 2, atLeast: .leastNonzeroMagnitude)
        let firstStopband = try kwargs.double("first_stopband", default: pow(2, 2.1), atLeast: .leastNonzeroMagnitude)
        let lastStopbandRel = try kwargs.double("last_stopband_rel", default: pow(2, 0.3), atLeast: .leastNonzeroMagnitude)
        let marginSize = try kwargs.int("margin_size", default: 10, atLeast: 0)
        outputScale = try kwargs.float("output_scale", default: 0.25)
        let convKernel = try kwargs.int("conv_kernel", default: 3, atLeast: 1)
        let filterSize = try kwargs.int("filter_size", default: 6, atLeast: 1)
        let lreluUpsampling = try kwargs.int("lrelu_upsampling", default: 2, atLeast: 1)
        let useRadialFilters = try kwargs.bool("use_radial_filters", default: false)
        convClamp = try kwargs.optionalFloat("conv_clamp", default: 256, atLeast: 0)

        // Geometric progression of cutoffs and minimum stopbands (NVlabs SynthesisNetwork).
        let lastCutoff = Double(resolution) / 2
        let lastStopband = lastCutoff * lastStopbandRel
        let count = numLayers + 1
        let exponents = (0..<count).map { min(Double($0) / Double(numLayers - numCritical), 1) }
        let cutoffs = exponents.map { firstCutoff * pow(lastCutoff / firstCutoff, $0) }
        let stopbands = exponents.map { firstStopband * pow(lastStopband / firstStopband, $0) }
        let samplingRates = stopbands.map { exp2(ceil(log2(min($0 * 2, Double(resolution))))) }
        let halfWidths = (0..<count).map { max(stopbands[$0], samplingRates[$0] / 2) - cutoffs[$0] }
        var sizes = samplingRates.map { Int($0) + marginSize * 2 }
        sizes[count - 1] = resolution
        if count >= 2 { sizes[count - 2] = resolution }
        var channels = cutoffs.map { Int(min((channelBase / 2) / $0, channelMax).rounded(.toNearestOrEven)) }
        channels[count - 1] = imageChannels

        inputChannels = channels[0]
        inputSize = sizes[0]
        inputSamplingRate = samplingRates[0]
        inputBandwidth = cutoffs[0]

        var layers: [Layer] = []
        for index in 0..<count {
            let previous = max(index - 1, 0)
            let isToRGB = index == numLayers
            let isCriticallySampled = index >= numLayers - numCritical
            let inRate = Double(Int(samplingRates[previous]))
            let outRate = Double(Int(samplingRates[index]))
            let tmpRate = max(inRate, outRate) * (isToRGB ? 1 : Double(lreluUpsampling))
            let upFactor = Int((tmpRate / inRate).rounded(.toNearestOrEven))
            let downFactor = Int((tmpRate / outRate).rounded(.toNearestOrEven))
            guard inRate * Double(upFactor) == tmpRate, outRate * Double(downFactor) == tmpRate else {
                throw kwargs.error("img_resolution", "gives layer \(index) sampling rates \(inRate) -> \(outRate) that are not integer ratios")
            }
            let kernel = isToRGB ? 1 : convKernel
            let upTaps = upFactor > 1 && !isToRGB ? filterSize * upFactor : 1
            let downTaps = downFactor > 1 && !isToRGB ? filterSize * downFactor : 1
            // Padding that makes the output exactly `outSize`, shifted per the symmetric
            // interpretation of sample locations (paper appendix C.3). Python's `//` floors.
            var padTotal = (sizes[index] - 1) * downFactor + 1
            padTotal -= (sizes[previous] + kernel - 1) * upFactor
            padTotal += upTaps + downTaps - 2
            let padLow = floorDivide(padTotal + upFactor, 2)
            layers.append(Layer(
                name: "L\(index)_\(sizes[index])_\(channels[index])",
                isToRGB: isToRGB,
                inChannels: channels[previous], outChannels: channels[index],
                inSize: sizes[previous], outSize: sizes[index],
                convKernel: kernel, upFactor: upFactor, downFactor: downFactor,
                upTaps: upTaps, downTaps: downTaps,
                downRadial: useRadialFilters && !isCriticallySampled,
                padLow: padLow, padHigh: padTotal - padLow,
                activationGain: isToRGB ? 1 : Float(2.0.squareRoot()),
                activationSlope: isToRGB ? 1 : 0.2,
                inCutoff: cutoffs[previous], outCutoff: cutoffs[index],
                inHalfWidth: halfWidths[previous], outHalfWidth: halfWidths[index],
                tmpSamplingRate: tmpRate))
        }
        for layer in layers where layer.inSize <= 0 || layer.outSize <= 0 {
            throw kwargs.error("margin_size", "gives layer \(layer.name) an empty image")
        }
        self.layers = layers
    }

    /// Every tensor the synthesis network reads, with its shape, in a fixed order. The loader
    /// checks a model file against this list and the random-weight builder fills it.
    public var tensorShapes: [(name: String, shape: [Int])] {
        var list: [(name: String, shape: [Int])] = [
            ("synthesis.input.weight", [inputChannels, inputChannels]),
            ("synthesis.input.affine.weight", [4, wDim]),
            ("synthesis.input.affine.bias", [4]),
            ("synthesis.input.transform", [3, 3]),
            ("synthesis.input.freqs", [inputChannels, 2]),
            ("synthesis.input.phases", [inputChannels]),
        ]
        for layer in layers {
            let prefix = "synthesis.\(layer.name)."
            list.append((prefix + "affine.weight", [layer.inChannels, wDim]))
            list.append((prefix + "affine.bias", [layer.inChannels]))
            list.append((prefix + "weight", [layer.outChannels, layer.inChannels, layer.convKernel, layer.convKernel]))
            list.append((prefix + "bias", [layer.outChannels]))
            list.append((prefix + "magnitude_ema", []))
            if let shape = layer.upFilterShape { list.append((prefix + "up_filter", shape)) }
            if let shape = layer.downFilterShape { list.append((prefix + "down_filter", shape)) }
        }
        return list
    }
}

/// Integer division rounding toward negative infinity, as Python's `//`.
func floorDivide(_ a: Int, _ b: Int) -> Int {
    let quotient = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
}

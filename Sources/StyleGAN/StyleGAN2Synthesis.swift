import BLAS
import Foundation
import StyleCastIO

/// One resolution of the StyleGAN2 synthesis network (NVlabs `SynthesisBlock`).
struct StyleGAN2Block: Sendable {
    /// The block's output size; its name is `synthesis.b{height}`.
    let height: Int
    let width: Int
    let inChannels: Int
    let outChannels: Int
    /// The learned input of the first block, [C, height, width] (4x4 by default).
    let constInput: [Float]?
    let conv0: StyleGAN2ConvLayer?
    let conv1: StyleGAN2ConvLayer
    let toRGB: StyleGAN2ToRGBLayer?
    let skip: StyleGAN2ResnetSkip?
    /// The w row of its first conv (then the next conv's, then toRGB's) and the index of its
    /// first noise input, which the forward and reverse passes both read.
    let firstW: Int
    let firstNoise: Int

    var numConv: Int { conv0 == nil ? 1 : 2 }
    var name: String { "synthesis.b\(height)" }
    var plane: Int { height * width }
    /// The size of the block input (the previous block's output).
    var inHeight: Int { height / 2 }
    var inWidth: Int { width / 2 }
}

/// Buffers for one synthesis run, sized for the largest layer and reused by every layer (and,
/// through `StyleGAN2WorkspacePool`, by later images and reverse passes).
final class StyleGAN2Workspace: @unchecked Sendable {
    let workers = max(1, availableCores)
    /// Winograd-transformed input tiles of one band.
    let tiles: FloatBuffer
    /// Winograd tile products, the tap products of a transposed or small same-size convolution, or
    /// a resnet projection.
    let products: FloatBuffer
    /// The style-scaled input of an up-sampling or tap convolution.
    let scaledInput: FloatBuffer
    /// The reverse mode's Winograd transform of the current same-size layer's flipped kernel,
    /// rewritten by every such layer; made on first use, so forward-only runs (whose transforms
    /// are the layers' own) do not hold it.
    private(set) lazy var winogradWeights = FloatBuffer(count: winogradWeightCount)
    private let winogradWeightCount: Int
    /// Per-worker rows and planes for the transforms and filters.
    let scratch: FloatBuffer
    let perWorkerScratch: Int
    /// Three feature maps: current, next, and the resnet shortcut.
    let features: [FloatBuffer]
    let image: FloatBuffer
    let nextImage: FloatBuffer
    let rgb: FloatBuffer

    init(blocks: [StyleGAN2Block], imageChannels: Int, resampleFilter: [Float]) {
        var tileCount = 0, productCount = 0, scratchCount = 0, featureCount = 0, scaledCount = 0, winogradCount = 0
        let imageUpsample = SeparableUpFIRDn.upsample2x(filter: resampleFilter)
        for block in blocks {
            let plane = block.plane, inPlane = block.inHeight * block.inWidth
            let widest = max(block.inChannels, block.outChannels)
            // A feature buffer holds the block input (at half resolution) or a conv output.
            featureCount = max(featureCount, block.inChannels * inPlane, block.outChannels * plane)
            scaledCount = max(scaledCount, block.inChannels * inPlane)
            winogradCount = max(winogradCount, Winograd.positions * block.conv1.outChannels * block.conv1.inChannels)
            if block.conv1.algorithm != .winograd {
                scaledCount = max(scaledCount, block.conv1.inChannels * plane)
                productCount = max(productCount, 9 * block.conv1.outChannels * plane)
            }
            // Tiles for the same-size convolutions Winograd runs (forward and reverse alike).
            if block.conv1.algorithm == .winograd {
                let capacity = Winograd.bandCapacity(inChannels: block.conv1.inChannels, outChannels: block.conv1.outChannels,
                                                     width: block.width)
                let bandTiles = Winograd.bandTileRows(channels: widest, height: block.height, width: block.width,
                                                      capacity: capacity) * (block.width / Winograd.outputTile)
                tileCount = max(tileCount, Winograd.positions * widest * bandTiles)
            }
            scratchCount = max(scratchCount, Winograd.rowScratch(width: block.width),
                               imageUpsample.scratchCount(height: block.height, width: block.width))
            if let conv0 = block.conv0 {
                productCount = max(productCount, 9 * block.outChannels * inPlane)
                let fullHeight = 2 * block.inHeight + 1, fullWidth = 2 * block.inWidth + 1
                scratchCount = max(scratchCount, fullHeight * fullWidth + conv0.upFilter.scratchCount(height: fullHeight, width: fullWidth))
            }
        }
        tiles = FloatBuffer(count: tileCount)
        products = FloatBuffer(count: max(productCount, tileCount))
        scaledInput = FloatBuffer(count: scaledCount)
        winogradWeightCount = winogradCount
        perWorkerScratch = scratchCount
        scratch = FloatBuffer(count: scratchCount * workers)
        features = (0..<3).map { _ in FloatBuffer(count: featureCount) }
        let imageCount = imageChannels * (blocks.last?.plane ?? 1)
        image = FloatBuffer(count: imageCount)
        nextImage = FloatBuffer(count: imageCount)
        rgb = FloatBuffer(count: imageCount)
    }
}

/// Spare workspaces, so that successive images reuse memory instead of faulting in new pages.
final class StyleGAN2WorkspacePool: @unchecked Sendable {
    private let lock = NSLock()
    private var spare: [StyleGAN2Workspace] = []

    func take(_ make: () -> StyleGAN2Workspace) -> StyleGAN2Workspace {
        lock.lock()
        defer { lock.unlock() }
        return spare.popLast() ?? make()
    }

    func giveBack(_ workspace: StyleGAN2Workspace) {
        lock.lock()
        defer { lock.unlock() }
        if spare.count < 2 { spare.append(workspace) }
    }
}

/// The StyleGAN2 synthesis network (NVlabs `networks_stylegan2.SynthesisNetwork`) in float32:
/// architectures orig, skip and resnet, any first-block size (`init_res`, also non-square),
/// channel counts and image channels.
public struct StyleGAN2Synthesis: SynthesisNetwork {
    public let spec: StyleGAN2Spec
    let blocks: [StyleGAN2Block]
    private let workspaces = StyleGAN2WorkspacePool()

    public var numWs: Int { spec.numWs }
    public var wDim: Int { spec.wDim }
    public var imageChannels: Int { spec.imageChannels }
    public var imageHeight: Int { spec.resolution }
    public var imageWidth: Int { spec.imageWidth }

    /// Reads every `synthesis.*` tensor, checking each shape against `spec`.
    public init(file: SafeTensorsFile, spec: StyleGAN2Spec) throws {
        self.spec = spec
        var firstW = 0, firstNoise = 0
        blocks = try spec.blockResolutions.map { res in
            let prefix = "synthesis.b\(res)"
            let width = spec.width(at: res)
            let inChannels = spec.inputChannels(at: res), outChannels = spec.channels(at: res)
            try checkResampleFilter(file: file, name: "\(prefix).resample_filter", spec: spec)
            let first = inChannels == 0
            defer {
                firstW += first ? 1 : 2
                if spec.useNoise { firstNoise += first ? 1 : 2 }
            }
            return StyleGAN2Block(
                height: res, width: width, inChannels: inChannels, outChannels: outChannels,
                constInput: first ? try file.tensor("\(prefix).const", shape: [outChannels, res, width]).data : nil,
                conv0: first ? nil : try StyleGAN2ConvLayer(file: file, prefix: "\(prefix).conv0", spec: spec,
                                                            inChannels: inChannels, outChannels: outChannels,
                                                            height: res, width: width, up: true),
                conv1: try StyleGAN2ConvLayer(file: file, prefix: "\(prefix).conv1", spec: spec,
                                              inChannels: outChannels, outChannels: outChannels,
                                              height: res, width: width, up: false),
                toRGB: spec.hasToRGB(at: res)
                    ? try StyleGAN2ToRGBLayer(file: file, prefix: "\(prefix).torgb", spec: spec, inChannels: outChannels)
                    : nil,
                skip: !first && spec.architecture == .resnet
                    ? try StyleGAN2ResnetSkip(file: file, prefix: "\(prefix).skip", spec: spec,
                                              inChannels: inChannels, outChannels: outChannels)
                    : nil,
                firstW: firstW, firstNoise: firstNoise)
        }
    }

    public func synthesize(ws: [Float], noiseMode: NoiseMode, noiseSeed: UInt64) -> Tensor {
        var random = NumpyRandom(seed: UInt32(truncatingIfNeeded: noiseSeed ^ (noiseSeed >> 32)))
        return run(ws: ws, recording: false) { layer in layer.noise(mode: noiseMode, random: &random) }.image
    }

    /// The forward pass (NVlabs `SynthesisNetwork.forward`), block by block. `noise` gives each
    /// conv layer's noise (times its strength), asked in layer order. When `recording`, each
    /// block's activations are copied out for the reverse mode as the pass goes.
    func run(ws: [Float], recording: Bool,
             noise: (StyleGAN2ConvLayer) -> [Float]?) -> (image: Tensor, blocks: [StyleGAN2Tape.Block]) {
        precondition(ws.count == numWs * wDim, "ws must hold numWs x wDim = \(numWs) x \(wDim) values")
        return withWorkspace { workspace in run(ws: ws, recording: recording, noise: noise, workspace: workspace) }
    }

    /// Runs `body` with a spare workspace (a new one when none is spare) and then keeps it for the next pass.
    func withWorkspace<Result>(_ body: (StyleGAN2Workspace) -> Result) -> Result {
        let workspace = workspaces.take {
            StyleGAN2Workspace(blocks: blocks, imageChannels: imageChannels, resampleFilter: spec.resampleFilter)
        }
        defer { workspaces.giveBack(workspace) }
        return body(workspace)
    }

    private func run(ws: [Float], recording: Bool, noise: (StyleGAN2ConvLayer) -> [Float]?,
                     workspace: StyleGAN2Workspace) -> (image: Tensor, blocks: [StyleGAN2Tape.Block]) {
        func row(_ index: Int) -> ArraySlice<Float> { ws[index * wDim ..< (index + 1) * wDim] }

        var records: [StyleGAN2Tape.Block] = []
        var current = 0  // which of workspace.features holds the block input, then its output
        var hasImage = false
        for block in blocks {
            var record: StyleGAN2Tape.Block?
            (current, record) = runConvolutions(block, input: current, ws: row, noise: noise,
                                                recording: recording, workspace: workspace)
            if hasImage {
                upsampleImage(height: block.inHeight, width: block.inWidth, workspace: workspace)
            }
            if let toRGB = block.toRGB {
                let rgb = addToImage(toRGB, features: workspace.features[current].pointer, plane: block.plane,
                                     w: row(block.firstW + block.numConv), replacing: !hasImage, recording: recording,
                                     workspace: workspace)
                record?.rgb = rgb
                hasImage = true
            }
            if let record { records.append(record) }
        }
        let count = imageChannels * imageHeight * imageWidth
        return (Tensor(shape: [imageChannels, imageHeight, imageWidth],
                       data: Array(UnsafeBufferPointer(start: workspace.image.pointer, count: count))), records)
    }

    /// The block's convolutions (and resnet shortcut) from feature buffer `input`; returns the
    /// buffer holding the block's output (and, when `recording`, the block's activations). The
    /// three feature buffers rotate.
    private func runConvolutions(_ block: StyleGAN2Block, input current: Int, ws row: (Int) -> ArraySlice<Float>,
                                 noise: (StyleGAN2ConvLayer) -> [Float]?, recording: Bool,
                                 workspace: StyleGAN2Workspace) -> (output: Int, record: StyleGAN2Tape.Block?) {
        let x = workspace.features[current].pointer
        let a = workspace.features[(current + 1) % 3].pointer
        let b = workspace.features[(current + 2) % 3].pointer
        let plane = block.plane, outCount = block.outChannels * plane
        func copy(_ buffer: UnsafePointer<Float>, _ count: Int) -> [Float] { Array(UnsafeBufferPointer(start: buffer, count: count)) }
        if let constInput = block.constInput {
            constInput.withUnsafeBufferPointer { a.update(from: $0.baseAddress!, count: $0.count) }
            let noise1 = noise(block.conv1)
            block.conv1.forward(input: a, output: b, w: row(block.firstW), noise: noise1, gain: 1, workspace: workspace)
            guard recording else { return ((current + 2) % 3, nil) }
            let out = copy(b, outCount)
            return ((current + 2) % 3, .init(conv1Noise: noise1, conv1Input: constInput, conv1Output: out, output: out))
        } else if let conv0 = block.conv0 {
            let blockInput = recording ? copy(x, block.inChannels * block.inHeight * block.inWidth) : nil
            let noise0 = noise(conv0)
            conv0.forward(input: x, output: a, w: row(block.firstW), noise: noise0, gain: 1, workspace: workspace)
            // Resnet blocks scale both paths by sqrt(1/2) so their sum keeps unit variance.
            let gain: Float = block.skip == nil ? 1 : Float(0.5).squareRoot()
            if let skip = block.skip {
                // The shortcut goes into the buffer that held the block input, once conv0 has read it.
                applySkip(skip, input: x, inHeight: block.inHeight, inWidth: block.inWidth, output: x, workspace: workspace)
            }
            let noise1 = noise(block.conv1)
            block.conv1.forward(input: a, output: b, w: row(block.firstW + 1), noise: noise1, gain: gain, workspace: workspace)
            let conv1Output = recording ? copy(b, outCount) : []
            if block.skip != nil {
                parallelFor(block.outChannels, work: outCount) { o in
                    for p in o * plane ..< (o + 1) * plane { b[p] = x[p] + b[p] }
                }
            }
            guard recording else { return ((current + 2) % 3, nil) }
            return ((current + 2) % 3, .init(conv0Input: blockInput, conv0Noise: noise0, conv1Noise: noise1,
                                             conv1Input: copy(a, outCount), conv1Output: conv1Output,
                                             output: block.skip == nil ? conv1Output : copy(b, outCount)))
        }
        preconditionFailure("a block has a constant input or conv0")
    }

    /// toRGB of the block's features, written as the image (first toRGB) or added to it; when
    /// `recording`, returns the toRGB output itself.
    private func addToImage(_ toRGB: StyleGAN2ToRGBLayer, features: UnsafePointer<Float>, plane: Int,
                            w: ArraySlice<Float>, replacing: Bool, recording: Bool,
                            workspace: StyleGAN2Workspace) -> [Float]? {
        let image = workspace.image.pointer, count = imageChannels * plane
        let rgb = replacing ? image : workspace.rgb.pointer
        toRGB.forward(features: features, plane: plane, w: w, output: rgb)
        let recorded = recording ? Array(UnsafeBufferPointer(start: rgb, count: count)) : nil
        if !replacing {
            for p in 0..<count { image[p] += rgb[p] }
        }
        return recorded
    }

    /// `upsample2d` of the image so far, in place in `workspace.image`.
    private func upsampleImage(height inHeight: Int, width inWidth: Int, workspace: StyleGAN2Workspace) {
        let upsample = SeparableUpFIRDn.upsample2x(filter: spec.resampleFilter)
        let inPlane = inHeight * inWidth, outPlane = 4 * inPlane
        for c in 0..<imageChannels {
            upsample.apply(workspace.image.pointer + c * inPlane, height: inHeight, width: inWidth,
                           into: workspace.nextImage.pointer + c * outPlane, scratch: workspace.scratch.pointer)
        }
        workspace.image.pointer.update(from: workspace.nextImage.pointer, count: imageChannels * outPlane)
    }

    /// The resnet shortcut: 1x1 projection at the input resolution, then `upsample2d`.
    /// `output` may be `input`: the projection goes through `workspace.products` first.
    private func applySkip(_ skip: StyleGAN2ResnetSkip, input: UnsafePointer<Float>, inHeight: Int, inWidth: Int,
                           output: UnsafeMutablePointer<Float>, workspace: StyleGAN2Workspace) {
        let inPlane = inHeight * inWidth, outPlane = 4 * inPlane
        let projected = workspace.products.pointer
        sgemm(m: skip.outChannels, n: inPlane, k: skip.inChannels, a: skip.weight, lda: skip.inChannels,
              b: input, ldb: inPlane, c: projected, ldc: inPlane)
        let perWorker = workspace.perWorkerScratch, workers = workspace.workers
        parallelFor(workers, work: skip.outChannels * outPlane) { worker in
            var channel = worker
            while channel < skip.outChannels {
                skip.upsample.apply(projected + channel * inPlane, height: inHeight, width: inWidth,
                                    into: output + channel * outPlane,
                                    scratch: workspace.scratch.pointer + worker * perWorker)
                channel += workers
            }
        }
    }
}

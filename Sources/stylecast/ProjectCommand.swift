import ArgumentParser
import Foundation
import Projection
import StyleCastIO
import StyleGAN

/// Where the optimisation starts.
enum ProjectionStart: Equatable, ExpressibleByArgument {
    case averageW
    case seed(UInt32)

    init?(argument: String) {
        if argument == "wavg" {
            self = .averageW
        } else if argument.hasPrefix("seed:"), let seed = UInt32(argument.dropFirst(5)) {
            self = .seed(seed)
        } else {
            return nil
        }
    }
}

/// What happens to a StyleGAN2 model's noise inputs during projection.
enum ProjectionNoise: String, ExpressibleByArgument, CaseIterable {
    /// Optimised with the autocorrelation penalty, as the official projector does.
    case optimize
    /// Held at the model's `noise_const`, the noise the saved ws are later rendered with.
    case const
}

struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Find ws whose image matches a target picture (writes [1, num_ws, w_dim] .npy and the image).",
        discussion: """
            Follows the official StyleGAN2-ADA projector (Adam, learning-rate ramps, decaying noise \
            on w, noise regularisation) with a loss that needs no download: pixel MSE at several \
            scales plus SSIM. The target is scaled to cover the model's resolution and \
            centre-cropped. Transparent target pixels are left out of the loss (alpha weights it), \
            so a cut-out sprite projects onto the model's own background. The same inputs and \
            --seed give the same ws.
            """)

    @OptionGroup var model: ModelOption
    @Option(name: .long, help: "Target image: PNG, or a raw float32 [1, C, H, W] .npy at the model's size.")
    var target: String
    @Option(name: .long, help: "Optimisation steps.")
    var steps = 1000
    @Flag(name: .long, help: "Optimise every ws row (W+) instead of one shared w (W).")
    var wplus = false
    @Option(name: .long, help: "Start point: wavg (the mean w) or seed:N (the w of seed N).")
    var start: ProjectionStart = .averageW
    @Option(name: .long, help: "Seed of the noise added to w and of the starting noise inputs.")
    var seed: UInt32 = 303
    @Option(name: .long, help: "Peak learning rate.")
    var lr: Float = 0.1
    @Flag(name: .long, help: "StyleGAN3: hold the input layer's transform (ws row 0) at the mean w.")
    var stabilize = false
    @Option(name: .long, help: "StyleGAN2 noise inputs: const (the model's own noise, which the saved ws are rendered with) or optimize (as the official projector; the noise found is not saved).")
    var noise: ProjectionNoise = .const
    @Option(name: .long, help: "Output ws (.npy [1, num_ws, w_dim], or .npz with key w).")
    var out: String
    @Option(name: .long, help: "Output image of the projected ws (default: --out with .png).")
    var image: String?
    @Option(name: .long, help: "Write each step's image as frameNNNNN.png into this folder.")
    var videoFrames: String?
    @Option(name: .long, help: "Print a progress line every N steps.")
    var progressEvery = 100
    @Option(name: .long, help: "Mapped samples for the mean and spread of W.")
    var wAvgSamples = 10000
    @Option(name: .long, help: "Weight of the 1 - SSIM term.")
    var ssimWeight: Float = 0.5
    @Option(name: .long, help: "Scales of the pixel term (full size, then halved).")
    var scales = 4

    func validate() throws {
        guard steps >= 1 else { throw ValidationError("--steps must be at least 1") }
        guard lr > 0, lr.isFinite else { throw ValidationError("--lr must be a positive number") }
        guard progressEvery >= 1 else { throw ValidationError("--progress-every must be at least 1") }
        guard wAvgSamples >= 1 else { throw ValidationError("--w-avg-samples must be at least 1") }
        guard ssimWeight >= 0, ssimWeight.isFinite else { throw ValidationError("--ssim-weight must be 0 or more") }
        guard scales >= 1 else { throw ValidationError("--scales must be at least 1") }
    }

    func run() throws {
        HeapTuning.reuseLargeAllocations()
        // The engine spreads its GEMMs over the cores itself (see ParallelGEMM), as the cast does.
        BLASThreading.useCallingThreadOnly()
        let generator = try model.load()
        switch generator.spec.family {
        case .styleGAN2 where stabilize:
            throw ProjectionError(subject: "--stabilize", reason: "anchors a StyleGAN3 input transform, but \(model.model) is a StyleGAN2 model; leave it out")
        case .styleGAN3 where noise == .optimize:
            throw ProjectionError(subject: "--noise optimize", reason: "\(model.model) is a StyleGAN3 model, which has no noise inputs; leave it out")
        default: break
        }
        // Row 0 drives only the StyleGAN3 input layer's rotation and translation.
        try project(network: generator.synthesis, generator: generator, pinnedRows: stabilize ? [0] : [])
    }

    private func project<Network: DifferentiableSynthesis>(network: Network, generator: Generator, pinnedRows: Set<Int>) throws {
        let prepared = target.lowercased().hasSuffix(".npy")
            ? try ProjectionTarget.raw(NPY.read(path: target), channels: network.imageChannels,
                                       height: network.imageHeight, width: network.imageWidth, name: target)
            : try ProjectionTarget.prepare(PNG.read(path: target), channels: network.imageChannels,
                                           height: network.imageHeight, width: network.imageWidth, name: target)
        let statistics = try WStatistics.sampled(from: generator, count: wAvgSamples)
        let startW: [Float]
        switch start {
        case .averageW: startW = statistics.average
        case .seed(let seed): startW = Array(try generator.ws(seed: seed, classIndex: generator.spec.cDim > 0 ? 0 : nil).row(0))
        }
        var options = ProjectorOptions(schedule: ProjectionSchedule(steps: steps, initialLearningRate: lr))
        options.wPlus = wplus
        options.seed = seed
        options.optimizeNoise = noise == .optimize
        options.pinnedRows = pinnedRows
        options.progressInterval = progressEvery
        let loss = ProjectionLoss(target: prepared, scales: scales, ssimWeight: ssimWeight)
        let projector = try Projector(network: network, loss: loss, statistics: statistics, options: options)
        if let videoFrames { try createFolder(videoFrames) }

        let result = try projector.run(start: startW, progress: { report in
            print(report.line)
            fflush(nil)  // progress should show as it happens, even through a pipe
        }, frame: videoFrames.map { folder in
            { step, frame in try writePNG(ImageConversion.rgba8(frame), to: folder + String(format: "/frame%05d.png", step)) }
        })

        let latent = Latent(numWs: network.numWs, wDim: network.wDim, values: result.ws)
        try LatentFile.write(latent, to: out)
        // The image anyone gets from the saved ws: the model's own constant noise.
        let final = try generator.synthesize(latent, noiseMode: .const)
        let imagePath = image ?? Self.imagePath(for: out)
        try writePNG(ImageConversion.rgba8(final), to: imagePath)
        print("final (const noise): \(ImageQuality(image: final.data, target: prepared).description)")
        print(out)
        print(imagePath)
    }

    /// `W.npy` -> `W.png`.
    static func imagePath(for out: String) -> String {
        (out as NSString).deletingPathExtension + ".png"
    }
}

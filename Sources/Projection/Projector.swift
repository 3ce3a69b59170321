import StyleGAN

/// How a projection runs.
public struct ProjectorOptions: Sendable {
    public var schedule: ProjectionSchedule
    /// W+: every row of ws is its own variable. Otherwise one w is shared by all rows (W).
    public var wPlus = false
    /// W+ is searched as one shared w, which moves exactly as in W, plus each row's offset from
    /// it. The offsets stay at zero for the first half of the steps and then move at 0.3 times
    /// the learning rate. Freeing every row from the start at the full rate (stylegan3-fun's W+)
    /// lets the rows disagree before the shared w has found the picture: an in-domain target
    /// that W fits to 89-114 dB ended at 14-30 dB (sg2-skip-32, 500 steps). Slower offsets fit
    /// in-domain targets better and targets far outside W worse; docs/projection.md has the
    /// measurements behind these two numbers.
    public var rowOffsetLearningRateScale: Float = 0.3
    /// The fraction of the steps done before the W+ offsets move.
    public var rowOffsetsStartFraction: Double = 0.5
    /// Seeds (NumPy `RandomState`) the noise buffers' start and the noise added to w, so a
    /// seed fixes the run. 303 is the official projector's default.
    public var seed: UInt32 = 303
    /// Optimise the noise inputs (StyleGAN2), as the official projector does. Off, the model's
    /// own constant noise is used throughout: the noise the saved ws are later rendered with.
    public var optimizeNoise = false
    public var noiseRegularizationWeight: Float = 1e5
    /// Rows of ws held at the average w instead of optimised. `--stabilize` pins StyleGAN3's
    /// row 0, which feeds only the input layer's rotation and translation.
    public var pinnedRows: Set<Int> = []
    /// Report progress every this many steps (and on the last step).
    public var progressInterval = 100

    public init(schedule: ProjectionSchedule) {
        self.schedule = schedule
    }

    /// The first step at which W+ offsets move.
    var rowOffsetsStartStep: Int { Int((Double(schedule.steps) * rowOffsetsStartFraction).rounded(.up)) }
}

/// One progress report.
public struct ProjectionProgress: Sendable {
    public let step: Int
    public let steps: Int
    public let image: ProjectionLoss.Terms
    /// The noise penalty, before its weight (0 when noise is not optimised).
    public let noisePenalty: Float
    /// The full objective: image loss plus weighted noise penalty.
    public let loss: Float

    public var line: String {
        func format(_ value: Float) -> String { String(format: "%.5f", Double(value)) }
        let width = String(steps).count
        let padded = String(repeating: " ", count: max(0, width - String(step).count)) + String(step)
        return "step \(padded)/\(steps): pixel \(format(image.pixel)) ssim \(format(image.ssim)) loss \(format(loss))"
    }
}

public struct ProjectionResult: Sendable {
    /// The projected ws, `numWs * wDim` values (without the exploration noise).
    public var ws: [Float]
    /// The noise inputs at the end (the model's constant noise when not optimised).
    public var noise: [[Float]]
}

/// Finds ws whose image matches a target, following the official StyleGAN2-ADA projector:
/// Adam from the average w, learning-rate ramps, decaying Gaussian noise added to w, and for
/// StyleGAN2 optimised noise inputs with the autocorrelation penalty and renormalisation after
/// each step. Everything is sequential and seeded, so the same inputs give the same ws.
public struct Projector<Network: DifferentiableSynthesis> {
    public let network: Network
    public let loss: ProjectionLoss
    public let statistics: WStatistics
    public let options: ProjectorOptions

    public init(network: Network, loss: ProjectionLoss, statistics: WStatistics, options: ProjectorOptions) throws {
        let t = loss.target
        guard t.channels == network.imageChannels, t.height == network.imageHeight, t.width == network.imageWidth else {
            throw ProjectionError(subject: "target", reason: "is \(t.channels)x\(t.height)x\(t.width) but the model makes \(network.imageChannels)x\(network.imageHeight)x\(network.imageWidth) images")
        }
        guard statistics.average.count == network.wDim else {
            throw ProjectionError(subject: "w statistics", reason: "have \(statistics.average.count) values, the model's w has \(network.wDim)")
        }
        guard options.schedule.steps > 0 else {
            throw ProjectionError(subject: "--steps", reason: "must be at least 1")
        }
        if let bad = options.pinnedRows.first(where: { $0 < 0 || $0 >= network.numWs }) {
            throw ProjectionError(subject: "pinned rows", reason: "row \(bad) is outside 0..<\(network.numWs)")
        }
        self.network = network
        self.loss = loss
        self.statistics = statistics
        self.options = options
    }

    /// Runs the projection from `start` (one w, `wDim` values). `rowOffsets` (`numWs * wDim`),
    /// when given, start each row that far off the shared w, so that a latent whose rows differ
    /// (a style mix) is the start: in W the offsets stay as given while the shared w moves, in
    /// W+ they are where the offsets start. `progress` hears every `progressInterval` steps;
    /// `frame`, when given, sees each step's image.
    public func run(start: [Float], rowOffsets: [Float]? = nil, progress: (ProjectionProgress) -> Void = { _ in },
                    frame: ((Int, Tensor) throws -> Void)? = nil) rethrows -> ProjectionResult {
        precondition(start.count == network.wDim, "start w must have wDim values")
        let wDim = network.wDim, numWs = network.numWs
        precondition(rowOffsets.map { $0.count == numWs * wDim } ?? true, "row offsets must have numWs * wDim values")
        var random = NumpyRandom(seed: options.seed)
        var w = start
        var wOptimizer = Adam(parameterCount: wDim)
        // Each row's offset from the shared w: moved in W+ only.
        var offsets = rowOffsets ?? [Float](repeating: 0, count: options.wPlus ? numWs * wDim : 0)
        var offsetOptimizer = Adam(parameterCount: offsets.count)

        let shapes = network.noiseShapes
        let optimizeNoise = options.optimizeNoise && !shapes.isEmpty
        var noise = optimizeNoise ? shapes.map { random.floatGaussians(count: $0.count) } : network.constantNoise
        var noiseOptimizers = shapes.map { Adam(parameterCount: $0.count) }

        let schedule = options.schedule
        for step in 0..<schedule.steps {
            let learningRate = schedule.learningRate(step: step)
            let noiseScale = schedule.wNoiseScale(step: step, wStd: statistics.standardDeviation)
            var explored = w
            for i in explored.indices { explored[i] += Float(random.nextGaussian()) * noiseScale }

            let (image, tape) = network.forward(ws: expand(explored, offsets: offsets), noise: noise)
            let (terms, imageGradient) = loss.evaluate(image.data)
            let gradients = network.backward(tape, imageGradient: imageGradient)

            // The shared w adds the gradients of the rows it feeds; a row's offset has its own.
            // Pinned rows are constants.
            var wGradient = [Float](repeating: 0, count: wDim)
            var offsetGradient = [Float](repeating: 0, count: offsets.count)
            for row in 0..<numWs where !options.pinnedRows.contains(row) {
                for j in 0..<wDim { wGradient[j] += gradients.ws[row * wDim + j] }
                if options.wPlus { for j in 0..<wDim { offsetGradient[row * wDim + j] = gradients.ws[row * wDim + j] } }
            }
            wOptimizer.step(&w, gradient: wGradient, learningRate: learningRate)
            if options.wPlus && step >= options.rowOffsetsStartStep {
                offsetOptimizer.step(&offsets, gradient: offsetGradient,
                                     learningRate: learningRate * options.rowOffsetLearningRateScale)
            }

            var penalty: Float = 0
            if optimizeNoise {
                let (value, penaltyGradients) = NoiseRegularizer.evaluate(noise, shapes: shapes)
                penalty = value
                for b in noise.indices {
                    var g = gradients.noise[b]
                    for i in g.indices { g[i] += options.noiseRegularizationWeight * penaltyGradients[b][i] }
                    noiseOptimizers[b].step(&noise[b], gradient: g, learningRate: learningRate)
                    normalise(&noise[b])
                }
            }

            let done = step + 1
            if done % max(1, options.progressInterval) == 0 || done == schedule.steps {
                progress(ProjectionProgress(step: done, steps: schedule.steps, image: terms, noisePenalty: penalty,
                                            loss: terms.total + options.noiseRegularizationWeight * penalty))
            }
            try frame?(done, image)
        }
        return ProjectionResult(ws: expand(w, offsets: offsets), noise: noise)
    }

    /// The full `numWs * wDim` ws: the shared w plus each row's offset (none in W), pinned rows
    /// set to the average w.
    private func expand(_ w: [Float], offsets: [Float]) -> [Float] {
        let wDim = network.wDim
        var ws = [Float](repeating: 0, count: network.numWs * wDim)
        for row in 0..<network.numWs {
            for j in 0..<wDim {
                ws[row * wDim + j] = options.pinnedRows.contains(row) ? statistics.average[j]
                    : w[j] + (offsets.isEmpty ? 0 : offsets[row * wDim + j])
            }
        }
        return ws
    }

    /// Zero mean, unit mean square, as the official projector renormalises its noise each step.
    private func normalise(_ buffer: inout [Float]) {
        let count = Double(buffer.count)
        let mean = buffer.reduce(0.0) { $0 + Double($1) } / count
        let meanSquare = buffer.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / count
        let scale = meanSquare > 0 ? 1 / meanSquare.squareRoot() : 1
        for i in buffer.indices { buffer[i] = Float((Double(buffer[i]) - mean) * scale) }
    }
}

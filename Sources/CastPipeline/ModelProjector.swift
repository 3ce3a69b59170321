import Projection
import StyleCastIO
import StyleGAN

/// Projects pictures into one model: built once per run (W's centre and spread come from mapped
/// samples), then used by every character.
struct ModelProjector: Sendable {
    /// Mapped samples for W's centre and spread. The official projector takes 10000; 1000 give
    /// the start point and noise scale to well under a percent at a tenth of the cost.
    static let statisticsSamples = 1000

    let generator: Generator
    let statistics: WStatistics

    init(generator: Generator) throws {
        self.generator = generator
        statistics = try WStatistics.sampled(from: generator, count: Self.statisticsSamples)
    }

    /// The latent whose image best matches `image` after `steps` steps. One w moves for all rows
    /// (W), which keeps the result inside the model's learnt space, so style mixes and
    /// expressions behave on it as on a seed's latent. The search starts at `start`, or at the
    /// average w; a start whose rows differ (a style mix) keeps each row's difference from its
    /// row 0 while that w moves. `seed` fixes the run; `step` hears every step and may throw to
    /// stop it.
    func project(_ image: RGBAImage, name: String, steps: Int, seed: UInt32, start: Latent? = nil,
                 step: (Int) throws -> Void) throws -> Latent {
        guard let start else {
            return try project(image, with: generator.synthesis, name: name, steps: steps, seed: seed, start: statistics.average,
                               offsets: nil, step: step)
        }
        let w = Array(start.row(0))
        let offsets = start.values.enumerated().map { index, value in value - w[index % start.wDim] }
        return try project(image, with: generator.synthesis, name: name, steps: steps, seed: seed, start: w,
                           offsets: offsets.allSatisfy { $0 == 0 } ? nil : offsets, step: step)
    }

    private func project<N: DifferentiableSynthesis>(_ image: RGBAImage, with network: N, name: String, steps: Int, seed: UInt32,
                                                     start: [Float], offsets: [Float]?, step: (Int) throws -> Void) throws -> Latent {
        let target = try ProjectionTarget.prepare(image, channels: network.imageChannels, height: network.imageHeight,
                                                  width: network.imageWidth, name: name)
        var options = ProjectorOptions(schedule: ProjectionSchedule(steps: steps))
        options.seed = seed
        options.progressInterval = steps
        let projector = try Projector(network: network, loss: ProjectionLoss(target: target), statistics: statistics, options: options)
        // `run` takes its frame hook as an optional (so escaping) closure; it only calls it during the run.
        let result = try withoutActuallyEscaping(step) { step in
            try projector.run(start: start, rowOffsets: offsets, frame: { done, _ in try step(done) })
        }
        return Latent(numWs: network.numWs, wDim: network.wDim, values: result.ws)
    }
}

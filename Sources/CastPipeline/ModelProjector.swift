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

    /// The latent whose image best matches `image` after `steps` steps. One w for all rows (W),
    /// which keeps the result inside the model's learnt space, so style mixes and expressions
    /// behave on it as on a seed's latent. The search starts at `start` (one w), or at the
    /// average w. `seed` fixes the run; `step` hears every step and may throw to stop it.
    func project(_ image: RGBAImage, name: String, steps: Int, seed: UInt32, start: [Float]? = nil,
                 step: (Int) throws -> Void) throws -> Latent {
        let start = start ?? statistics.average
        return try project(image, with: generator.synthesis, name: name, steps: steps, seed: seed, start: start, step: step)
    }

    private func project<N: DifferentiableSynthesis>(_ image: RGBAImage, with network: N, name: String, steps: Int,
                                                     seed: UInt32, start: [Float], step: (Int) throws -> Void) throws -> Latent {
        let target = try ProjectionTarget.prepare(image, channels: network.imageChannels, height: network.imageHeight,
                                                  width: network.imageWidth, name: name)
        var options = ProjectorOptions(schedule: ProjectionSchedule(steps: steps))
        options.seed = seed
        options.progressInterval = steps
        let projector = try Projector(network: network, loss: ProjectionLoss(target: target), statistics: statistics, options: options)
        // `run` takes its frame hook as an optional (so escaping) closure; it only calls it during the run.
        let result = try withoutActuallyEscaping(step) { step in
            try projector.run(start: start, frame: { done, _ in try step(done) })
        }
        return Latent(numWs: network.numWs, wDim: network.wDim, values: result.ws)
    }
}

import ArgumentParser
import Foundation
import Projection
import StyleCastIO
import StyleGAN

struct ProjectBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-project",
        abstract: "Time projection steps (synthesis forward, loss, backward, Adam) and print steps per second.",
        discussion: "The target is the image of seed 0; the W statistics (not timed) use --w-avg-samples samples. Random configurations: \(BenchGeneratorOptions.configurationNames).")

    @OptionGroup var source: BenchGeneratorOptions
    @Option(name: .long, help: "Timed steps (after one warm-up step).")
    var steps = 10
    @Option(name: .long, help: "StyleGAN2 noise inputs: const or optimize.")
    var noise: ProjectionNoise = .const
    @Option(name: .long, help: "Mapped samples for the W statistics.")
    var wAvgSamples = 100

    func validate() throws {
        guard steps >= 1 else { throw ValidationError("--steps must be at least 1") }
        guard wAvgSamples >= 1 else { throw ValidationError("--w-avg-samples must be at least 1") }
    }

    func run() throws {
        HeapTuning.reuseLargeAllocations()
        // The engine spreads its GEMMs over the cores itself (see ParallelGEMM), as the cast does.
        BLASThreading.useCallingThreadOnly()
        let generator = try source.load()
        try bench(network: generator.synthesis, generator: generator)
    }

    private func bench<Network: DifferentiableSynthesis>(network: Network, generator: Generator) throws {
        let classIndex: Int? = generator.spec.cDim > 0 ? 0 : nil
        let targetImage = try generator.synthesize(generator.ws(seed: 0, classIndex: classIndex))
        let target = ProjectionTarget(channels: network.imageChannels, height: network.imageHeight, width: network.imageWidth,
                                      values: targetImage.data,
                                      pixelWeights: [Float](repeating: 1, count: network.imageHeight * network.imageWidth))
        let statistics = try WStatistics.sampled(from: generator, count: wAvgSamples)
        var options = ProjectorOptions(schedule: ProjectionSchedule(steps: steps + 1))
        options.optimizeNoise = noise == .optimize
        options.progressInterval = steps + 1
        let projector = try Projector(network: network, loss: ProjectionLoss(target: target), statistics: statistics, options: options)
        var start: UInt64 = 0, cpuStart: UInt64 = 0
        _ = projector.run(start: statistics.average, frame: { step, _ in
            if step == 1 {  // after the warm-up step
                start = DispatchTime.now().uptimeNanoseconds
                cpuStart = GeneratorBenchmark.processCPUNanoseconds()
            }
        })
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpuSeconds = Double(GeneratorBenchmark.processCPUNanoseconds() - cpuStart) / 1e9
        let noiseNote = network.noiseShapes.isEmpty ? "no noise inputs" : "noise \(noise.rawValue)"
        print("\(source.label): \(network.imageWidth)x\(network.imageHeight), \(availableCores) cores, \(noiseNote)")
        print(String(format: "%d steps in %.2f s: %.3f steps/s (%.0f ms per step; CPU time %.0f ms per step, all threads)",
                     steps, seconds, Double(steps) / seconds, 1000 * seconds / Double(steps), 1000 * cpuSeconds / Double(steps)))
    }
}

import ArgumentParser
import Foundation
import StyleGAN

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time whole images (mapping + synthesis, batch 1, float32) and print the median.",
        discussion: "Use a model file, or --random with a named configuration built in memory with random weights: \(RandomGenerator.configurations.keys.sorted().joined(separator: ", ")).")

    @Option(name: .long, help: "Generator model (.safetensors).")
    var model: String?
    @Option(name: .long, help: "A random-weight configuration instead of a model file.")
    var random: String?
    @Option(name: .long, help: "Timed images.")
    var runs: Int = 5
    @OptionGroup var noise: NoiseOption

    func validate() throws {
        guard (model == nil) != (random == nil) else { throw ValidationError("give exactly one of --model and --random") }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
    }

    func run() throws {
        let generator = try model.map { try Generator.load(path: $0) } ?? RandomGenerator.make(configuration: random!)
        let results = try GeneratorBenchmark.run(generator, runs: runs, noiseMode: noise.noiseMode)
        let label = model ?? "random \(random!)"
        print("\(label): \(generator.synthesis.imageWidth)x\(generator.synthesis.imageHeight), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print("runs (ms): " + results.map { String(format: "%.1f", $0.milliseconds) }.joined(separator: " "))
        print(String(format: "median: %.1f ms per image (CPU time %.1f ms, all threads)",
                     GeneratorBenchmark.median(results.map(\.milliseconds)), GeneratorBenchmark.median(results.map(\.cpuMilliseconds))))
    }
}

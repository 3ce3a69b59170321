import ArgumentParser
import Foundation
import StyleCastIO
import StyleGAN

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time whole images (mapping + synthesis, batch 1, float32) and print the median.",
        discussion: "Use a model file, or --random with a named configuration built in memory with random weights: \(BenchGeneratorOptions.configurationNames).")

    @OptionGroup var source: BenchGeneratorOptions
    @Option(name: .long, help: "Timed images.")
    var runs: Int = 5
    @OptionGroup var noise: NoiseOption

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
    }

    func run() throws {
        // The engine spreads its GEMMs over the cores itself (see ParallelGEMM).
        BLASThreading.useCallingThreadOnly()
        let generator = try source.load()
        let results = try GeneratorBenchmark.run(generator, runs: runs, noiseMode: noise.noiseMode)
        print("\(source.label): \(generator.synthesis.imageWidth)x\(generator.synthesis.imageHeight), \(availableCores) cores")
        print("runs (ms): " + results.map { String(format: "%.1f", $0.milliseconds) }.joined(separator: " "))
        print(String(format: "median: %.1f ms per image (CPU time %.1f ms, all threads)",
                     GeneratorBenchmark.median(results.map(\.milliseconds)), GeneratorBenchmark.median(results.map(\.cpuMilliseconds))))
    }
}

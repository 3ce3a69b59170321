import Foundation

/// Times whole images (mapping and synthesis, batch 1) on one generator.
public enum GeneratorBenchmark {
    /// Milliseconds per image for `runs` images of seeds 0..<runs, after one warm-up image.
    public static func run(_ generator: Generator, runs: Int, noiseMode: NoiseMode = .const) throws -> [Double] {
        precondition(runs >= 1, "a benchmark needs at least one run")
        let classIndex: Int? = generator.spec.cDim > 0 ? 0 : nil
        _ = try generator.synthesize(generator.ws(seed: 0, classIndex: classIndex), noiseMode: noiseMode)
        return try (0..<runs).map { run in
            let start = DispatchTime.now().uptimeNanoseconds
            let ws = try generator.ws(seed: UInt32(run), classIndex: classIndex)
            _ = try generator.synthesize(ws, noiseMode: noiseMode)
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        }
    }

    public static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}

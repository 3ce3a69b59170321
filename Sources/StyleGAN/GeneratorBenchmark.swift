import Foundation

/// Times whole images (mapping and synthesis, batch 1) on one generator.
public enum GeneratorBenchmark {
    public struct Run: Sendable {
        /// Wall-clock milliseconds.
        public let milliseconds: Double
        /// CPU milliseconds of the whole process (all threads): on a shared machine, where wall
        /// time also counts other people's work, CPU time / cores bounds what the image costs.
        public let cpuMilliseconds: Double
    }

    /// One run per image for seeds 0..<runs, after one warm-up image.
    public static func run(_ generator: Generator, runs: Int, noiseMode: NoiseMode = .const) throws -> [Run] {
        precondition(runs >= 1, "a benchmark needs at least one run")
        let classIndex: Int? = generator.spec.cDim > 0 ? 0 : nil
        _ = try generator.synthesize(generator.ws(seed: 0, classIndex: classIndex), noiseMode: noiseMode)
        return try (0..<runs).map { run in
            let start = DispatchTime.now().uptimeNanoseconds, cpuStart = processCPUNanoseconds()
            let ws = try generator.ws(seed: UInt32(run), classIndex: classIndex)
            _ = try generator.synthesize(ws, noiseMode: noiseMode)
            return Run(milliseconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6,
                       cpuMilliseconds: Double(processCPUNanoseconds() - cpuStart) / 1e6)
        }
    }

    /// CPU time of the whole process so far (all threads).
    public static func processCPUNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    public static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}

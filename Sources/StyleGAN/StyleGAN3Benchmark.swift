import Foundation

/// Timings of StyleGAN3 synthesis for one configuration (random weights, built in memory).
public struct StyleGAN3BenchmarkResult: Sendable, CustomStringConvertible {
    public let configuration: String
    public let imageSize: Int
    /// Wall-clock seconds of each timed image, in run order.
    public let seconds: [Double]
    /// CPU seconds (all threads) of each timed image: a guide when other processes share the cores.
    public let cpuSeconds: [Double]

    public var median: Double {
        let sorted = seconds.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    public var description: String {
        let runs = seconds.map { String(format: "%.3f", $0) }.joined(separator: ", ")
        let cpu = cpuSeconds.map { String(format: "%.2f", $0) }.joined(separator: ", ")
        return "StyleGAN3-\(configuration) \(imageSize)x\(imageSize): median \(String(format: "%.3f", median)) s per image (runs: \(runs); CPU s: \(cpu))"
    }
}

/// Times `runs` syntheses of a random-weight StyleGAN3 network after one untimed warm-up.
/// Configuration "T" or "R" with the NVlabs training presets (T: channel_base 32768,
/// channel_max 512; R: 65536 / 1024, 1x1 convolutions, radial filters).
public func benchmarkStyleGAN3(configuration: String, resolution: Int, runs: Int = 3, seed: UInt64 = 1) throws -> StyleGAN3BenchmarkResult {
    var kwargs: [String: Any] = ["z_dim": 512, "c_dim": 0, "w_dim": 512, "img_resolution": resolution, "img_channels": 3]
    switch configuration.uppercased() {
    case "T":
        kwargs["channel_base"] = 32768
        kwargs["channel_max"] = 512
    case "R":
        kwargs["channel_base"] = 65536
        kwargs["channel_max"] = 1024
        kwargs["conv_kernel"] = 1
        kwargs["use_radial_filters"] = true
    default:
        throw ModelFileError(path: "benchmark", reason: "unknown StyleGAN3 configuration '\(configuration)' (use T or R)")
    }
    let synthesis = try StyleGAN3Synthesis(randomWeightsFor: kwargs, seed: seed)
    var random = StyleGAN3RandomSource(seed: seed &+ 1)
    let ws = (0..<(synthesis.numWs * synthesis.wDim)).map { _ in random.normal() }
    _ = synthesis.synthesize(ws: ws, noiseMode: .const, noiseSeed: 0)
    var seconds: [Double] = [], cpuSeconds: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = processCPUSeconds()
        _ = synthesis.synthesize(ws: ws, noiseMode: .const, noiseSeed: 0)
        cpuSeconds.append(processCPUSeconds() - cpuStart)
        seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return StyleGAN3BenchmarkResult(configuration: configuration.uppercased(), imageSize: resolution,
                                    seconds: seconds, cpuSeconds: cpuSeconds)
}

private func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

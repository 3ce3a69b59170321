import ArgumentParser
import Foundation
import StyleCastIO
import Training

/// `stylecast train-samples`: a training run's batches as a byte stream, for a trainer outside
/// this program (tools/gpu_train.py) that must see exactly the batches `stylecast train` would.
struct TrainSamplesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-samples",
        abstract: "Stream a training run's batches (latents, style-mix rows, rendered targets) for another trainer.",
        discussion: """
            Writes the batches of steps --first-step, --first-step + --stride, ... of the config's run, \
            drawn as `stylecast train` draws them, with each target rendered on all cores. Format \
            (little-endian): "SCSAMP01", UInt32 n, n bytes of JSON header (z_dim, num_ws, height, width, \
            batch_size, first_step, stride, steps, ...); then per step: Int64 step, Float32 zA [batch, z_dim], \
            Float32 zB [batch, z_dim], UInt8 fromB [batch, num_ws] (1: the w row comes from zB), \
            UInt8 RGBA target [batch, height, width, 4]; with the config's attributeEmphasis (the header's \
            emphasis_weight) also UInt8 emphasis [batch, height, width], 1 on the pixels whose loss it \
            weighs more (Sources/Training/TrainingSamples.swift). Without --steps it streams until the reader \
            closes the pipe. Reader: tools/gpu/sample_stream.py.
            """)

    @Option(help: "Training config (JSON).")
    var config: String

    @Option(help: "The first step to stream.")
    var firstStep = 0

    @Option(help: "Stream every stride-th step (several producers with strides share a run).")
    var stride = 1

    @Option(help: "How many steps to stream (default: until the reader stops).")
    var steps: Int?

    @Option(help: "Samples a step, overriding the config's batchSize (this changes the batches).")
    var batchSize: Int?

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    func validate() throws {
        if firstStep < 0 { throw ValidationError("--first-step must not be negative, got \(firstStep)") }
        if stride < 1 { throw ValidationError("--stride must be at least 1, got \(stride)") }
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1, got \(steps)") }
        if let batchSize, batchSize < 1 { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
        if out != nil && steps == nil { throw ValidationError("--out needs --steps (an endless stream only goes to a pipe)") }
    }

    func run() throws {
        let samples = try TrainingSamples(config: TrainingConfig.read(path: config), batchSize: batchSize)
        let descriptor: Int32
        if let out {
            descriptor = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else { throw TrainingError(subject: out, reason: "cannot open for writing (\(String(cString: strerror(errno))))") }
        } else {
            descriptor = STDOUT_FILENO
            // A reader that has had enough closes the pipe: that ends the stream, it is no error.
            signal(SIGPIPE, SIG_IGN)
        }
        defer { if out != nil { close(descriptor) } }
        guard try Self.write(try samples.header(firstStep: firstStep, stride: stride, steps: steps), to: descriptor) else { return }
        // Enough steps at once to keep every core busy rendering.
        let chunk = max(1, 2 * availableCores / samples.batchSize)
        var next = 0
        while steps.map({ next < $0 }) ?? true {
            let count = min(chunk, steps.map { $0 - next } ?? chunk)
            let stepNumbers = (next ..< next + count).map { firstStep + $0 * stride }
            guard try Self.write(try samples.records(steps: stepNumbers), to: descriptor) else { return }
            next += count
        }
    }

    /// Writes everything; false when the reader has closed the pipe.
    private static func write(_ bytes: [UInt8], to descriptor: Int32) throws -> Bool {
        try bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let written = Foundation.write(descriptor, raw.baseAddress! + done, raw.count - done)
                if written < 0 {
                    if errno == EINTR { continue }
                    if errno == EPIPE { return false }
                    throw TrainingError(reason: "writing the sample stream failed: \(String(cString: strerror(errno)))")
                }
                done += written
            }
            return true
        }
    }
}

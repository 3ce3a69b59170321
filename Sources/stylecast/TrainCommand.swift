import ArgumentParser
import Foundation
import CastPipeline
import StyleGAN
import Training

/// `stylecast train`: trains a generator on the procedural renderer's art.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a StyleGAN2 generator to draw StyleCast's procedural characters.",
        discussion: """
            The config (JSON) gives the network's init_kwargs, what it draws (walk-sheet or \
            face-portrait), which w rows carry which attribute group, and the optimiser and budget. \
            A checkpoint (<out>.checkpoint) is written every checkpointMinutes and at the end; \
            --resume continues a killed run from it and draws the same batches the uninterrupted \
            run would have. --init goes on from a finished model file instead (the optimiser \
            starts afresh, its learning rate ramped up over warmupImages), which is how a run spans \
            sessions when only the model is kept. Ctrl-C (or SIGTERM) stops after the current step \
            and writes both, so nothing is lost (a second one quits at once, back to the last \
            checkpoint). The configs of the shipped models are models/*.train.json.
            """)

    @Option(help: "Training config (JSON).")
    var config: String

    @Option(help: "Where the trained model (.safetensors) goes.")
    var out: String

    @Option(help: "Continue from this checkpoint (written by an earlier run with the same config).")
    var resume: String?

    @Option(name: .customLong("init"),
            help: "Go on training from this model (one `stylecast train` wrote, with the same generator) with a fresh optimiser.")
    var initialModel: String?

    @Option(help: "Training-time budget in minutes, overriding the config's (a resumed run counts its earlier sessions).")
    var minutes: Double?

    @Option(help: "Stop after this many steps in this session (the model and checkpoint are written).")
    var steps: Int?

    func validate() throws {
        if let minutes, !(minutes > 0) { throw ValidationError("--minutes must be positive, got \(minutes)") }
        if resume != nil && initialModel != nil {
            throw ValidationError("give --resume (a checkpoint) or --init (a model), not both")
        }
    }

    func run() throws {
        HeapTuning.reuseLargeAllocations()
        var config = try TrainingConfig.read(path: config)
        if let minutes { config.minutes = minutes }
        let trainer = Trainer(config: config, outputPath: out) { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        let interactive = isatty(STDERR_FILENO) != 0
        var lastLine = Date.distantPast
        let stop = CancellationFlag()
        let interrupts = InterruptHandler { signals in
            guard signals == 1 else { _exit(130) }
            stop.cancel()
            FileHandle.standardError.write(Data("\nstylecast: stopping after this step; the checkpoint and the model are written (Ctrl-C again to quit at once)\n".utf8))
        }
        defer { interrupts.stop() }
        func report(_ progress: TrainingProgress) {
            // A redrawn line on a terminal, one line every 10 s otherwise (logs stay short).
            let now = Date()
            guard interactive || progress.checkpointWritten || now.timeIntervalSince(lastLine) >= 10 else { return }
            lastLine = now
            let line = Self.describe(progress, budget: config)
            FileHandle.standardError.write(Data((interactive ? "\r\u{1B}[K" + line : line + "\n").utf8))
        }
        let final = try trainer.run(resume: resume, initialModel: initialModel, stopAfterSteps: steps,
                                    progress: report, shouldStop: { stop.isCancelled })
        if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
        print("wrote \(out) after \(final.step) steps, \(final.images) images, \(String(format: "%.1f", final.seconds / 60)) min; "
              + "checkpoint \(trainer.checkpointPath)")
        if stop.isCancelled {
            print("stopped early: go on with --resume \(trainer.checkpointPath) and the same config")
            throw ExitCode(130)
        }
    }

    static func describe(_ progress: TrainingProgress, budget: TrainingConfig) -> String {
        String(format: "step %d  images %d/%d  loss %.5f (PSNR %.2f dB)%@  %.1f img/s  %.1f/%.0f min%@",
               progress.step, progress.images, budget.images, progress.smoothedLoss,
               TrainingProgress.psnr(loss: progress.smoothedLoss),
               progress.readOutLoss.map { String(format: "  read-out %.4f", $0) } ?? "", progress.imagesPerSecond,
               progress.seconds / 60, budget.minutes, progress.checkpointWritten ? "  [checkpoint]" : "")
    }
}

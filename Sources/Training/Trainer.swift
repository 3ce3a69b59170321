import Foundation
import Projection
import StyleCastIO
import StyleGAN

/// Where a run stands, reported after every step.
public struct TrainingProgress: Sendable {
    public var step: Int
    public var images: Int
    /// The last step's loss (mean squared error in [-1, 1] units).
    public var loss: Double
    /// An average over the last steps, which is what a person reads.
    public var smoothedLoss: Double
    /// The last step's read-out error (`readOutLoss` runs only).
    public var readOutLoss: Double?
    public var imagesPerSecond: Double
    /// Training time so far, including earlier sessions of a resumed run.
    public var seconds: Double
    public var checkpointWritten: Bool

    /// PSNR of a loss: 10 log10(peak-to-peak^2 / MSE), with [-1, 1] spanning the 8-bit range.
    public static func psnr(loss: Double) -> Double { 10 * log10(4 / loss) }
}

/// Trains a StyleGAN2 generator to draw the procedural renderer's art (see `SupervisedObjective`),
/// with Adam, a running average of w, checkpoints every few minutes and resume after a kill.
public struct Trainer {
    public let config: TrainingConfig
    /// Where the finished model goes; its checkpoint is `outputPath + ".checkpoint"`.
    public let outputPath: String
    public var checkpointPath: String { outputPath + ".checkpoint" }
    /// Lines about work before the first step (the mapping's pretraining).
    let log: (String) -> Void

    public init(config: TrainingConfig, outputPath: String, log: @escaping (String) -> Void = { _ in }) {
        self.config = config
        self.outputPath = outputPath
        self.log = log
    }

    /// Runs to the end of the config's budget (or `stopAfterSteps`, for tests, or until `shouldStop`
    /// says so before a step, on Ctrl-C) and writes the checkpoint and the model.
    /// Resumes from `resume` (a checkpoint this trainer wrote) when given; otherwise starts from
    /// `initialModel` (a model file this trainer wrote, with a fresh optimiser) or from new weights.
    @discardableResult
    public func run(resume: String? = nil, initialModel: String? = nil, stopAfterSteps: Int? = nil,
                    progress: (TrainingProgress) -> Void = { _ in },
                    shouldStop: () -> Bool = { false }) throws -> TrainingProgress {
        let spec = try config.generatorSpec()
        var state: TrainingState
        if let resume {
            state = try TrainingState.read(checkpoint: resume, spec: spec, config: config)
        } else if let initialModel {
            state = try TrainingState.read(model: initialModel, spec: spec, config: config)
        } else {
            state = TrainingState(parameters: try ModelParameters(spec: spec, seed: config.seed),
                                  step: 0, images: 0, seconds: 0, adam: nil)
            if let pretraining = config.mappingPretraining {
                try MappingPretrainer.pretrain(&state.parameters, settings: pretraining, target: config.target,
                                               seed: config.seed, log: log)
            }
        }
        var adam = state.adam ?? Adam(parameterCount: state.parameters.parameterCount,
                                      beta1: config.adamBeta1, beta2: config.adamBeta2)
        let objective = SupervisedObjective(target: config.target, rows: config.rows, attributeEmphasis: config.attributeEmphasis)
        if config.readOutLoss != nil && state.readOut == nil {
            state.readOut = ReadOutHead(fittedTo: try state.parameters.generator().mapping, target: config.target,
                                        zDim: spec.zDim, seed: config.seed)
        }
        let stream = SampleStream(seed: config.seed, zDim: spec.zDim, groups: config.rows.groups.map(\.name),
                                  mixingProbability: config.mixingProbability)
        var values = state.parameters.flattened()
        var averaged = state.averagedWeights ?? values
        if state.parameters.wAverage.allSatisfy({ $0 == 0 }) && state.step == 0 {
            // Start the average at the initial network's mean w rather than at zero.
            let generator = try state.parameters.generator()
            let sample = stream.batch(step: -1, size: 64)
            var mean = [Float](repeating: 0, count: spec.wDim)
            for s in sample { for (j, v) in generator.mapping.record(z: s.zA).w.enumerated() { mean[j] += v / 64 } }
            state.parameters.setWAverage(mean)
        }
        let averageBeta = config.weightAverageBeta
        let started = Date()
        let startSeconds = state.seconds
        var lastCheckpoint = Date()
        var report = TrainingProgress(step: state.step, images: state.images, loss: .nan, smoothedLoss: .nan, readOutLoss: nil,
                                      imagesPerSecond: 0, seconds: state.seconds, checkpointWritten: false)
        var window: [Double] = []
        var stepsThisSession = 0
        func writeCheckpoint() throws {
            state.adam = adam
            state.averagedWeights = config.weightAverageHalfLifeImages == nil ? nil : averaged
            try state.writeCheckpoint(to: checkpointPath, config: config)
        }
        while state.images < config.images && state.seconds < config.minutes * 60 {
            if let stopAfterSteps, stepsThisSession >= stopAfterSteps { break }
            if shouldStop() { break }
            let generator = try state.parameters.generator()
            let batch = stream.batch(step: state.step, size: config.batchSize)
            let result = try objective.evaluate(batch, generator: generator, readOut: state.readOut,
                                                readOutWeight: config.readOutLoss?.weight ?? 0)
            let learningRate = config.learningRate(imagesSinceOptimiserStart: adam.stepCount * config.batchSize)
            adam.step(&values, gradient: state.parameters.flatten(gradients: result.gradients), learningRate: learningRate)
            if let settings = config.readOutLoss, let gradient = result.readOutGradient {
                state.readOut!.step(gradient: gradient, learningRate: settings.learningRate)
            }
            state.parameters.update(from: values)
            if averageBeta < 1 {
                for i in averaged.indices { averaged[i] = averageBeta * averaged[i] + (1 - averageBeta) * values[i] }
            }
            // The official running average: w_avg <- lerp(batch mean, w_avg, beta).
            let beta = config.wAverageBeta
            state.parameters.setWAverage(zip(state.parameters.wAverage, result.meanW).map { beta * $0 + (1 - beta) * $1 })
            state.step += 1
            state.images += batch.count
            stepsThisSession += 1
            state.seconds = startSeconds + Date().timeIntervalSince(started)
            window.append(result.loss)
            if window.count > 50 { window.removeFirst() }
            report = TrainingProgress(step: state.step, images: state.images, loss: result.loss,
                                      smoothedLoss: window.reduce(0, +) / Double(window.count),
                                      readOutLoss: state.readOut == nil ? nil : result.readOutLoss,
                                      imagesPerSecond: Double(stepsThisSession * config.batchSize) / Date().timeIntervalSince(started),
                                      seconds: state.seconds, checkpointWritten: false)
            if Date().timeIntervalSince(lastCheckpoint) >= config.checkpointMinutes * 60 {
                try writeCheckpoint()
                lastCheckpoint = Date()
                report.checkpointWritten = true
            }
            progress(report)
        }
        try writeCheckpoint()
        var model = state.parameters
        if averageBeta < 1 { model.update(from: averaged) }
        try model.file(metadata: try modelMetadata(state: state)).write(to: outputPath)
        return report
    }

    /// What a trained model says about itself: what it draws, which rows carry what, and how
    /// far it was trained (deterministic fields only, so a re-run writes the same bytes).
    private func modelMetadata(state: TrainingState) throws -> [String: String] {
        let averaging = config.weightAverageHalfLifeImages.map { ", weights averaged over a half-life of \(Int($0)) images" } ?? ""
        return [
            "stylecast_target": config.target.rawValue,
            RowGroups.metadataKey: try config.rows.metadataJSON(),
            "stylecast_training": "supervised on StyleCast's procedural renderer; seed \(config.seed), "
                + "\(state.step) steps, \(state.images) images, batch \(config.batchSize), learning rate \(config.learningRate)"
                + averaging,
            // Read back by `stylecast train --init`, so a run can go on from the model file alone.
            TrainingState.stepKey: String(state.step), TrainingState.imagesKey: String(state.images),
        ]
    }
}

/// Everything a checkpoint holds: the weights (w_avg included), the optimiser's moments and
/// how far the run got.
struct TrainingState {
    var parameters: ModelParameters
    var step: Int
    var images: Int
    var seconds: Double
    var adam: Adam?
    /// The running average of the trainable weights (laid out as `ModelParameters.flattened()`).
    var averagedWeights: [Float]? = nil
    /// The read-out head of a `readOutLoss` run.
    var readOut: ReadOutHead? = nil

    static let firstMoment = "trainer.adam.first_moment"
    static let secondMoment = "trainer.adam.second_moment"
    static let averagedWeightsTensor = "trainer.weight_average"
    static let stepKey = "stylecast_training_steps"
    static let imagesKey = "stylecast_training_images"

    func writeCheckpoint(to path: String, config: TrainingConfig) throws {
        var file = parameters.file(metadata: [
            "stylecast_checkpoint": "step \(step)",
            "trainer.step": String(step), "trainer.images": String(images),
            "trainer.seconds": String(seconds), "trainer.adam_steps": String(adam?.stepCount ?? 0),
            "trainer.generator": config.generatorJSON, "trainer.seed": String(config.seed),
        ])
        var tensors = file.tensors
        if let adam {
            tensors[Self.firstMoment] = Tensor(shape: [adam.firstMoment.count], data: adam.firstMoment)
            tensors[Self.secondMoment] = Tensor(shape: [adam.secondMoment.count], data: adam.secondMoment)
        }
        if let averagedWeights { tensors[Self.averagedWeightsTensor] = Tensor(shape: [averagedWeights.count], data: averagedWeights) }
        var metadata = file.metadata
        if let entries = readOut?.checkpointEntries {
            tensors.merge(entries.tensors) { _, new in new }
            metadata.merge(entries.metadata) { _, new in new }
        }
        file = SafeTensorsFile(path: path, metadata: metadata, tensors: tensors)
        try AtomicFile.write(file.serialized(), to: path)
    }

    static func read(checkpoint path: String, spec: GeneratorSpec, config: TrainingConfig) throws -> TrainingState {
        let file = try SafeTensorsFile(path: path)
        let metadata = file.metadata
        guard let step = metadata["trainer.step"].flatMap(Int.init), let images = metadata["trainer.images"].flatMap(Int.init),
              let seconds = metadata["trainer.seconds"].flatMap(Double.init),
              let adamSteps = metadata["trainer.adam_steps"].flatMap(Int.init) else {
            throw TrainingError(subject: path, reason: "not a training checkpoint of `stylecast train` (its trainer.* metadata is missing)")
        }
        guard metadata["trainer.generator"] == config.generatorJSON, metadata["trainer.seed"] == String(config.seed) else {
            throw TrainingError(subject: path, reason: "this checkpoint was made with a different generator or seed than the config; "
                                + "resume with the config that started the run")
        }
        var tensors = file.tensors
        let first = tensors.removeValue(forKey: firstMoment), second = tensors.removeValue(forKey: secondMoment)
        let averaged = tensors.removeValue(forKey: averagedWeightsTensor)
        // A head saved by a `readOutLoss` run goes on; one the config no longer asks for is dropped.
        let savedHead = try ReadOutHead.take(from: &tensors, metadata: metadata, target: config.target, wDim: spec.wDim, path: path)
        let parameters = try ModelParameters(spec: spec, tensors: tensors)
        if let averaged, averaged.count != parameters.parameterCount {
            throw TrainingError(subject: path, reason: "the weight average does not match the model's \(parameters.parameterCount) parameters")
        }
        var adam: Adam? = nil
        if let first, let second {
            guard first.count == parameters.parameterCount, second.count == parameters.parameterCount else {
                throw TrainingError(subject: path, reason: "the optimiser state does not match the model's \(parameters.parameterCount) parameters")
            }
            adam = Adam(firstMoment: first.data, secondMoment: second.data, stepCount: adamSteps,
                        beta1: config.adamBeta1, beta2: config.adamBeta2)
        }
        return TrainingState(parameters: parameters, step: step, images: images, seconds: seconds, adam: adam,
                             averagedWeights: averaged?.data, readOut: config.readOutLoss == nil ? nil : savedHead)
    }

    /// A model this trainer wrote, to go on training from with a fresh optimiser: its weights
    /// (the averaged ones, if it was averaged) and how far it was trained.
    static func read(model path: String, spec: GeneratorSpec, config: TrainingConfig) throws -> TrainingState {
        let file = try SafeTensorsFile(path: path)
        let metadata = file.metadata
        guard let step = metadata[stepKey].flatMap(Int.init), let images = metadata[imagesKey].flatMap(Int.init) else {
            throw TrainingError(subject: path, reason: "not a model written by `stylecast train` (its \(imagesKey) metadata is missing); "
                                + "start a new run without --init")
        }
        let modelGenerator = metadata["init_kwargs"].flatMap { try? JSONDocument(parsing: $0).root.canonical }
        guard modelGenerator == config.generator.canonical else {
            throw TrainingError(subject: path, reason: "this model's init_kwargs differ from the config's generator; "
                                + "train on from it with the config that made it")
        }
        let parameters = try ModelParameters(spec: spec, tensors: file.tensors)
        // Time is not kept in a model (its bytes must not depend on the machine), so the config's
        // `minutes` budget counts from here.
        return TrainingState(parameters: parameters, step: step, images: images, seconds: 0, adam: nil)
    }
}

import Foundation
import StyleCastIO
import StyleGAN
import StyleCastArt

/// What the renderer draws as a model's training target.
public enum TrainingTarget: String, Codable, Sendable, CaseIterable {
    /// RPG Maker MV single-character walk sheets, 144x192 (`WalkSheet`).
    case walkSheet = "walk-sheet"
    /// 144x144 portraits (`FacePortrait`).
    case facePortrait = "face-portrait"
}

/// The trainer's rule for a config's row groups.
extension RowGroups {
    /// Every row 0..<numWs in exactly one group.
    func validate(numWs: Int, source: String) throws {
        var owner = [String?](repeating: nil, count: numWs)
        for (name, rows) in groups {
            guard !rows.isEmpty else { throw TrainingError("\(source): rows.\(name) is empty; give it at least one w row") }
            for row in rows {
                guard (0..<numWs).contains(row) else {
                    throw TrainingError("\(source): rows.\(name) has row \(row), but the model has rows 0-\(numWs - 1)")
                }
                if let other = owner[row] {
                    throw TrainingError("\(source): row \(row) is in both rows.\(other) and rows.\(name); each row carries one group")
                }
                owner[row] = name
            }
        }
        if let missing = owner.firstIndex(where: { $0 == nil }) {
            throw TrainingError("\(source): row \(missing) is in no group; add it to one of rows.shape/headTurn/expression/colours")
        }
    }
}

/// A training run's recipe (`stylecast train --config`): the network, what it learns to draw,
/// and the optimiser. The configs that made the shipped models sit beside them in `models/`.
public struct TrainingConfig: Codable, Sendable {
    /// A note on what the config is for.
    public var comment: String?
    /// The generator's `init_kwargs` (StyleGAN2, NVlabs names), e.g. `{"z_dim": 128, ...}`.
    public var generator: JSONAny
    public var target: TrainingTarget
    public var rows: RowGroups
    /// Seeds the initial weights and every training batch.
    public var seed: UInt32
    public var batchSize: Int
    public var learningRate: Float
    public var adamBeta1: Float
    public var adamBeta2: Float
    /// The share of samples whose groups come from two latents (the rest come from one).
    public var mixingProbability: Double
    /// Training stops after this many images, or after `minutes` of training, whichever is first.
    public var images: Int
    public var minutes: Double
    public var checkpointMinutes: Double
    /// The running average of w (the truncation centre) moves by 1 - beta per step.
    public var wAverageBeta: Float
    /// The model written is a running average of the weights with this half-life in images (as
    /// the official G_ema); nil writes the last step's weights. Averaging takes out the noise of
    /// small-batch steps without ending the run, so a run can go on across sessions.
    public var weightAverageHalfLifeImages: Double?
    /// After a fresh optimiser (a new run, or one started from a model with `--init`) the
    /// learning rate ramps up linearly over this many images while Adam's moments settle.
    public var warmupImages: Int?

    /// The learning rate for a step `imagesSinceOptimiserStart` images after the optimiser started.
    public func learningRate(imagesSinceOptimiserStart images: Int) -> Float {
        guard let warmupImages, warmupImages > 0, images < warmupImages else { return learningRate }
        return learningRate * Float(images + batchSize) / Float(warmupImages + batchSize)
    }

    /// Per-step decay of the weight average (1 when it is off).
    public var weightAverageBeta: Float {
        guard let halfLife = weightAverageHalfLifeImages else { return 1 }
        return Float(pow(0.5, Double(batchSize) / halfLife))
    }

    /// Reads a config file; errors name the file and the field.
    public static func read(path: String) throws -> TrainingConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TrainingError("\(path): cannot read the training config (missing or unreadable)")
        }
        let config: TrainingConfig
        do {
            config = try JSONDecoder().decode(TrainingConfig.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw TrainingError("\(path): missing field '\(fieldPath(context.codingPath + [key]))'")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw TrainingError("\(path): field '\(fieldPath(context.codingPath))' has the wrong type: \(context.debugDescription)")
        } catch let DecodingError.dataCorrupted(context) {
            throw TrainingError("\(path): \(context.codingPath.isEmpty ? "" : "field '\(fieldPath(context.codingPath))': ")\(context.debugDescription) \(String(describing: context.underlyingError.map { "\($0)" } ?? ""))")
        }
        try config.validate(source: path)
        return config
    }

    private static func fieldPath(_ path: [CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    /// The generator spec `generator` describes.
    public func generatorSpec() throws -> GeneratorSpec {
        try GeneratorSpec(className: GeneratorFamily.styleGAN2.rawValue, initKwargsJSON: generator.jsonText())
    }

    func validate(source: String) throws {
        func require(_ condition: Bool, _ message: String) throws {
            if !condition { throw TrainingError("\(source): \(message)") }
        }
        try require(batchSize >= 1, "batchSize must be at least 1, got \(batchSize)")
        try require(learningRate > 0, "learningRate must be positive, got \(learningRate)")
        try require((0..<1).contains(adamBeta1) && (0..<1).contains(adamBeta2), "adamBeta1 and adamBeta2 must be in [0, 1)")
        try require((0...1).contains(mixingProbability), "mixingProbability must be in [0, 1], got \(mixingProbability)")
        try require(images >= 1 && minutes > 0, "images and minutes must be positive")
        try require(checkpointMinutes > 0, "checkpointMinutes must be positive")
        try require((0..<1).contains(wAverageBeta), "wAverageBeta must be in [0, 1)")
        try require((weightAverageHalfLifeImages ?? 1) > 0, "weightAverageHalfLifeImages must be positive (or left out to write the last weights)")
        try require((warmupImages ?? 0) >= 0, "warmupImages must not be negative")
        let spec: GeneratorSpec
        do { spec = try generatorSpec() } catch { throw TrainingError("\(source): generator: \(error)") }
        try require(spec.cDim == 0, "generator.c_dim must be 0: training draws unconditional models")
        try require(spec.styleGAN2?.architecture != .resnet, "generator.architecture must be skip or orig (resnet shortcuts are not trained)")
        try require(spec.mapping.tracksWAverage, "generator.mapping_kwargs.w_avg_beta must not be null: the trainer keeps w_avg")
        try require(spec.imageChannels == 4, "generator.img_channels must be 4 (RGBA art), got \(spec.imageChannels)")
        try require(spec.zDim >= LatentAttributeCode.dimensions,
                    "generator.z_dim must be at least \(LatentAttributeCode.dimensions): the attribute code reads that many z values")
        try rows.validate(numWs: spec.numWs, source: source)
    }
}

/// An error in training input, with the file and what to do.
public struct TrainingError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

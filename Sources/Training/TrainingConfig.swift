import Foundation
import StyleCastIO
import StyleGAN
import StyleCastArt

/// What the renderer draws as a model's training target.
public enum TrainingTarget: String, Sendable, CaseIterable {
    /// RPG Maker MV single-character walk sheets, 144x192 (`WalkSheet`).
    case walkSheet = "walk-sheet"
    /// 144x144 portraits (`FacePortrait`).
    case facePortrait = "face-portrait"
}

extension TrainingTarget {
    /// The renderer's drawing of a character: what a network trained for this target learns to
    /// draw, and what a perfect model draws.
    public func render(_ attributes: CharacterAttributes) -> RGBAImage {
        switch self {
        case .walkSheet: WalkSheet.render(attributes)
        case .facePortrait: FacePortrait.render(attributes)
        }
    }

    /// That drawing in the network's layout: [4, H, W], straight alpha, v / 127.5 - 1.
    func networkImage(_ attributes: CharacterAttributes) -> [Float] {
        Self.networkLayout(render(attributes))
    }

    /// An RGBA image in the network's layout: [4, H, W], straight alpha, v / 127.5 - 1.
    static func networkLayout(_ image: RGBAImage) -> [Float] {
        let plane = image.width * image.height
        var values = [Float](repeating: 0, count: 4 * plane)
        image.pixels.withUnsafeBufferPointer { pixels in
            for p in 0..<plane {
                for c in 0..<4 { values[c * plane + p] = Float(pixels[p * 4 + c]) / 127.5 - 1 }
            }
        }
        return values
    }
}

/// The trainer's rule for a config's row groups.
extension RowGroups {
    /// Every row 0..<numWs in exactly one group; errors point at `field` (the config's `rows`).
    func validate(numWs: Int, field: JSONField) throws {
        var owner = [String?](repeating: nil, count: numWs)
        for (name, rows) in groups {
            try field.check(!rows.isEmpty, "rows.\(name) is empty; give it at least one w row")
            for row in rows {
                try field.check((0..<numWs).contains(row), "rows.\(name) has row \(row), but the model has rows 0-\(numWs - 1)")
                if let other = owner[row] {
                    throw field.error("row \(row) is in both rows.\(other) and rows.\(name); each row carries one group")
                }
                owner[row] = name
            }
        }
        if let missing = owner.firstIndex(where: { $0 == nil }) {
            throw field.error("row \(missing) is in no group; add it to one of rows.shape/headTurn/expression/colours")
        }
    }
}

/// A training run's recipe (`stylecast train --config`): the network, what it learns to draw,
/// and the optimiser. The configs that made the shipped models sit beside them in `models/`.
public struct TrainingConfig: Sendable {
    /// A note on what the config is for.
    public var comment: String?
    /// The generator's `init_kwargs` (StyleGAN2, NVlabs names), e.g. `{"z_dim": 128, ...}`.
    public var generator: JSONValue
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
    /// A run from new weights first teaches the mapping network to read the attribute code
    /// (`MappingPretrainer`); nil starts the image loss on the random mapping.
    public var mappingPretraining: MappingPretraining?
    /// A linear read-out of the attributes from w, trained beside the generator, whose error also
    /// trains the mapping (`ReadOutHead`); nil trains on the image loss alone.
    public var readOutLoss: ReadOutLoss? = nil
    /// More weight on the pixels that tell some attributes apart (`AttributeEmphasis`); nil weighs
    /// every pixel alike.
    public var attributeEmphasis: AttributeEmphasis? = nil

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

    /// Reads and checks a config file. Errors name the file, the line and column, the field,
    /// and what it must be.
    public static func read(path: String) throws -> TrainingConfig {
        let root = JSONField(try LocatedJSON(contentsOfFile: path))
        try root.rejectUnknownKeys(fieldNames)
        /// A required number that must pass `valid` (the rule in words, for the error).
        func number(_ key: String, _ meaning: String, _ rule: String, _ valid: (Double) -> Bool) throws -> Double {
            let field = try root.member(key, meaning)
            let value = try field.number()
            try field.check(valid(value), "must be \(rule), not \(field.value.brief)")
            return value
        }
        let generatorField = try root.member("generator", "the network's init_kwargs (StyleGAN2, NVlabs names), e.g. {\"z_dim\": 32, ...}")
        let spec = try Self.check(generator: generatorField)
        let rowsField = try root.member("rows", "which w rows carry which attribute group, e.g. {\"shape\": [0, 1], \"colours\": [2, 3]}")
        let rows = try RowGroups(rowsField)
        try rows.validate(numWs: spec.numWs, field: rowsField)
        let halfLife = try root.optionalMember("weightAverageHalfLifeImages")
        let warmup = try root.optionalMember("warmupImages")
        let pretraining = try root.optionalMember("mappingPretraining").map { field in
            try field.rejectUnknownKeys(["steps", "batchSize", "learningRate"])
            let rate = try field.member("learningRate", "Adam's step size for the mapping and its read-out, e.g. 0.005")
            let value = try rate.number()
            try rate.check(value > 0, "must be positive, not \(rate.value.brief)")
            return MappingPretraining(steps: try field.member("steps", "Adam steps, e.g. 4000").int(in: 1...Int.max),
                                      batchSize: try field.member("batchSize", "latents per step, e.g. 256").int(in: 1...Int.max),
                                      learningRate: Float(value))
        }
        let readOut = try root.optionalMember("readOutLoss").map { field in
            try field.rejectUnknownKeys(["weight", "learningRate"])
            func positive(_ key: String, _ meaning: String) throws -> Float {
                let member = try field.member(key, meaning)
                let value = try member.number()
                try member.check(value > 0, "must be positive, not \(member.value.brief)")
                return Float(value)
            }
            return ReadOutLoss(weight: try positive("weight", "how much the read-out's error counts against the image's, e.g. 0.1"),
                               learningRate: try positive("learningRate", "Adam's step size for the read-out head, e.g. 0.001"))
        }
        var config = TrainingConfig(
            comment: try root.optionalMember("comment")?.string(),
            generator: generatorField.value,
            target: try root.member("target", "walk-sheet or face-portrait").oneOf(TrainingTarget.self),
            rows: rows,
            seed: UInt32(try root.member("seed", "seeds the initial weights and every batch").int(in: 0...Int(UInt32.max))),
            batchSize: try root.member("batchSize", "samples per step, e.g. 4").int(in: 1...Int.max),
            learningRate: Float(try number("learningRate", "Adam's step size, e.g. 0.002", "positive") { $0 > 0 }),
            adamBeta1: Float(try number("adamBeta1", "e.g. 0.9", "in [0, 1)") { (0..<1).contains($0) }),
            adamBeta2: Float(try number("adamBeta2", "e.g. 0.99", "in [0, 1)") { (0..<1).contains($0) }),
            mixingProbability: try number("mixingProbability", "the share of samples mixed from two latents, e.g. 0.5", "in [0, 1]") {
                (0...1).contains($0)
            },
            images: try root.member("images", "how many images to train on at most").int(in: 1...Int.max),
            minutes: try number("minutes", "how long to train at most", "positive") { $0 > 0 },
            checkpointMinutes: try number("checkpointMinutes", "how often to write a checkpoint", "positive") { $0 > 0 },
            wAverageBeta: Float(try number("wAverageBeta", "the decay of the running average of w, e.g. 0.995", "in [0, 1)") {
                (0..<1).contains($0)
            }),
            weightAverageHalfLifeImages: try halfLife.map { field in
                let value = try field.number()
                try field.check(value > 0, "must be positive (or left out to write the last weights), not \(field.value.brief)")
                return value
            },
            warmupImages: try warmup?.int(in: 0...Int.max),
            mappingPretraining: pretraining)
        config.readOutLoss = readOut
        config.attributeEmphasis = try root.optionalMember("attributeEmphasis").map { field in
            try field.rejectUnknownKeys(["weight", "attributes"])
            let weightField = try field.member("weight", "the extra weight of an emphasised pixel, e.g. 4")
            let weight = try weightField.number()
            try weightField.check(weight >= 0 && weight.isFinite, "must be a number of 0 or more, not \(weightField.value.brief)")
            let list = try field.member("attributes", "the attributes whose pixels count more, e.g. [\"expression\"]")
            let elements = try list.elements()
            try list.check(!elements.isEmpty, "must name at least one attribute")
            let attributes = try elements.map { element -> CharacterAttribute in
                let name = try element.string()
                guard let attribute = CharacterAttribute.named(name) else {
                    throw element.error("is \"\(name)\", which is no attribute; use one of "
                                        + CharacterAttribute.all.map(\.name).joined(separator: ", "))
                }
                return attribute
            }
            // An attribute the target does not draw (expression on a walk sheet) would emphasise
            // nothing: say so instead. A few characters, since one may hide an attribute (closed eyes).
            let target = config.target
            var random = NumpyRandom(seed: 1)
            let characters = (0..<4).map { _ in
                LatentAttributeCode.attributes(latent: random.standardNormal(count: LatentAttributeCode.dimensions).map { Float($0) })
            }
            for (element, attribute) in zip(elements, attributes) where characters.allSatisfy({ character in
                let drawn = target.render(character).pixels
                return attribute.alternatives(character).allSatisfy { target.render($0).pixels == drawn }
            }) {
                throw element.error("is \"\(attribute.name)\", which the \(target.rawValue) target does not draw")
            }
            return AttributeEmphasis(weight: Float(weight), attributes: attributes)
        }
        return config
    }

    /// The keys a config may hold.
    static let fieldNames = ["comment", "generator", "target", "rows", "seed", "batchSize", "learningRate", "adamBeta1",
                             "adamBeta2", "mixingProbability", "images", "minutes", "checkpointMinutes", "wAverageBeta",
                             "weightAverageHalfLifeImages", "warmupImages", "mappingPretraining", "readOutLoss",
                             "attributeEmphasis"]

    /// The spec of a config's `generator`, checked to be a network this trainer can train.
    private static func check(generator: JSONField) throws -> GeneratorSpec {
        let spec = try GeneratorSpec(family: .styleGAN2, initKwargs: generator)
        try generator["c_dim"].check(spec.cDim == 0, "must be 0: training draws unconditional models")
        try generator["architecture"].check(spec.styleGAN2?.architecture != .resnet, "must be skip or orig (resnet shortcuts are not trained)")
        try generator["mapping_kwargs"]["w_avg_beta"].check(spec.mapping.tracksWAverage, "must not be null: the trainer keeps w_avg")
        try generator["img_channels"].check(spec.imageChannels == 4, "must be 4 (RGBA art), got \(spec.imageChannels)")
        try generator["z_dim"].check(spec.zDim >= LatentAttributeCode.dimensions,
                                     "must be at least \(LatentAttributeCode.dimensions): the attribute code reads that many z values")
        return spec
    }

    /// The generator spec `generator` describes.
    public func generatorSpec() throws -> GeneratorSpec {
        try GeneratorSpec(family: .styleGAN2, initKwargs: JSONField(generator, file: "", name: "generator"))
    }

    /// `generator` as the text a trained model's `init_kwargs` carries (keys sorted, numbers in
    /// one spelling), which also ties a checkpoint to its config.
    public var generatorJSON: String { String(decoding: JSONWriter.compact(generator.canonical), as: UTF8.self) }
}

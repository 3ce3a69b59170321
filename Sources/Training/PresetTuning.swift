import Foundation
import Projection
import StyleCastArt
import StyleCastIO
import StyleGAN

/// Fits a preset's rows (a face expression's or head turn's, a sprite role's silhouette) to every
/// character at once.
///
/// A preset written on one z carries its expression only as well as the mapping keeps the
/// expression apart from that z's other attributes, yet the cast mixes it into every character.
/// So the preset's rows are fitted the way the cast uses them: each step draws a batch of
/// characters (latents seeded by the step), gives each the preset's rows in place of its own
/// (its ws truncated as a cast's: psi 1 and 0.7 in turn), and compares the image with the
/// renderer's drawing of that character with the preset's expression or head turn (the training
/// objective, squared error in [-1, 1], with `emphasis` more weight on the pixels where that
/// drawing differs from the character's other expressions or turns, which is what tells them
/// apart); Adam moves the rows against the batch's gradient. Only the rows change.
public struct PresetTuning: Sendable {
    /// What a preset is to show.
    public enum Goal: Sendable, Equatable {
        case expression(StyleCastArt.Expression)
        case headTurn(HeadTurn)
        /// A role's silhouette (its shape rows), told from the other roles'.
        case shape(ShapeAttributes, rivals: [ShapeAttributes])

        func apply(to attributes: inout CharacterAttributes) {
            switch self {
            case let .expression(expression): attributes.expression.expression = expression
            case let .headTurn(turn): attributes.expression.headTurn = turn
            case let .shape(shape, _): attributes.shape = shape
            }
        }

        /// The other values of the same attribute: what the preset must not look like.
        var rivals: [Goal] {
            switch self {
            case let .expression(wanted): StyleCastArt.Expression.allCases.filter { $0 != wanted }.map(Goal.expression)
            case let .headTurn(wanted): HeadTurn.allCases.filter { $0 != wanted }.map(Goal.headTurn)
            case let .shape(_, rivals): rivals.map { Goal.shape($0, rivals: []) }
            }
        }
    }

    /// Adam steps; 0 leaves the presets as the mapping gives them.
    public var steps: Int
    /// Characters per step.
    public var batchSize: Int
    public var learningRate: Float
    /// Extra weight on the pixels that tell the goal from its rivals (0: plain squared error).
    public var emphasis: Float
    /// The batches' seed; the held-out characters are drawn from seed + 1.
    public var seed: UInt32
    /// Held-out characters the outcome is measured on.
    public static let heldOutCount = 32

    /// The defaults are the shipped presets' (measured in models/README.md, "Presets").
    public init(steps: Int = 100, batchSize: Int = 8, learningRate: Float = 0.02, emphasis: Float = 4, seed: UInt32 = 20261128) {
        self.steps = steps
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.emphasis = emphasis
        self.seed = seed
    }

    /// How the preset does on `heldOutCount` characters not tuned on, before and after.
    public struct Outcome: Sendable {
        public var latent: Latent
        /// Share of the characters whose image is closer (squared error) to their drawing with
        /// the goal than to every drawing with a rival.
        public var heldOutShownBefore: Double
        public var heldOutShownAfter: Double
        /// PSNR against the goal's drawings (mean squared error over the characters, [-1, 1]):
        /// tuning must bring the faces nearer the drawings, not trade that for telling them apart.
        public var heldOutPSNRBefore: Double
        public var heldOutPSNRAfter: Double
    }

    /// One character of a batch: its truncated ws, the drawing to match, the pixel weights and
    /// the rivals' drawings.
    private struct Character {
        var ws: Latent
        var target: [Float]
        var weights: [Float]
        var rivals: [[Float]]
    }

    /// `start` with its `rows` fitted to `goal`. `progress` gets each step's number and loss.
    public func tune(_ start: Latent, rows: [Int], goal: Goal, generator: Generator, target: TrainingTarget = .facePortrait,
                     progress: (Int, Double) -> Void = { _, _ in }) throws -> Outcome {
        func character(z: [Double], drawings: [[Float]], index: Int) throws -> Character {
            let drawing = drawings[0], rivals = Array(drawings.dropFirst())
            // Where the goal's drawing differs from its rivals', normalised to mean 1.
            var difference = [Float](repeating: 0, count: drawing.count)
            for rival in rivals {
                for i in drawing.indices { difference[i] += (drawing[i] - rival[i]) * (drawing[i] - rival[i]) }
            }
            let mean = difference.reduce(0, +) / Float(difference.count)
            let weights = difference.map { 1 + (mean > 0 ? emphasis * $0 / mean : 0) }
            let psi = Truncation(psi: index % 2 == 0 ? 1 : 0.7)
            return Character(ws: try generator.mapping(z: z, c: [], truncation: psi), target: drawing, weights: weights, rivals: rivals)
        }
        func batch(seed: UInt32, step: Int, size: Int) throws -> [Character] {
            var random = SampleStream.random(seed: seed, step: step)
            let zs = (0..<size).map { _ in random.standardNormal(count: generator.spec.zDim) }
            // Each character with the goal, then with each rival: the renderer's drawings, made on
            // all cores (one at a time they were a fifth of a preset's time).
            let looks: [CharacterAttributes] = zs.flatMap { z in
                var attributes = LatentAttributeCode.attributes(latent: z.map { Float($0) })
                goal.apply(to: &attributes)
                return [attributes] + goal.rivals.map { rival in
                    var other = attributes
                    rival.apply(to: &other)
                    return other
                }
            }
            let drawings = try concurrentMap(looks.count) { target.networkImage(looks[$0]) }
            let perCharacter = 1 + goal.rivals.count
            return try zs.indices.map { index in
                try character(z: zs[index], drawings: Array(drawings[index * perCharacter ..< (index + 1) * perCharacter]), index: index)
            }
        }
        // `values` with the preset's rows taken from the parameters.
        func placing(_ parameters: [Float], into values: [Float]) -> [Float] {
            var values = values
            for (k, row) in rows.enumerated() {
                values.replaceSubrange(row * start.wDim ..< (row + 1) * start.wDim, with: parameters[k * start.wDim ..< (k + 1) * start.wDim])
            }
            return values
        }
        func ws(_ character: Character, _ parameters: [Float]) -> [Float] { placing(parameters, into: character.ws.values) }
        // The share of `characters` shown with the goal, and the PSNR against its drawings.
        func measure(_ parameters: [Float], on characters: [Character]) -> (shown: Double, psnr: Double) {
            var shown = 0, squares = 0.0
            for character in characters {
                let image = generator.synthesis.synthesize(ws: ws(character, parameters), noiseMode: .const, noiseSeed: 0).data
                func distance(_ drawing: [Float]) -> Float { zip(image, drawing).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }
                let own = distance(character.target)
                if character.rivals.allSatisfy({ distance($0) > own }) { shown += 1 }
                squares += Double(own) / Double(image.count)
            }
            return (Double(shown) / Double(characters.count), 10 * log10(4 / (squares / Double(characters.count))))
        }

        var parameters = rows.flatMap { Array(start.row($0)) }
        let heldOut = try batch(seed: seed &+ 1, step: 0, size: Self.heldOutCount)
        let before = measure(parameters, on: heldOut)
        var adam = Adam(parameterCount: parameters.count)
        for step in 0..<steps {
            var loss = 0.0
            var gradient = [Float](repeating: 0, count: parameters.count)
            let characters = try batch(seed: seed, step: step, size: batchSize)
            for character in characters {
                let wsGradient = Self.pass(generator.synthesis, ws: ws(character, parameters)) { image in
                    // Weighted mean squared error; its gradient, averaged over the batch.
                    let totalWeight = character.weights.reduce(0, +)
                    let scale = 2 / (totalWeight * Float(characters.count))
                    var squares: Float = 0
                    var imageGradient = [Float](repeating: 0, count: image.count)
                    for i in image.indices {
                        let difference = image[i] - character.target[i]
                        squares += character.weights[i] * difference * difference
                        imageGradient[i] = scale * character.weights[i] * difference
                    }
                    loss += Double(squares / totalWeight) / Double(characters.count)
                    return imageGradient
                }
                for (k, row) in rows.enumerated() {
                    for j in 0..<start.wDim { gradient[k * start.wDim + j] += wsGradient[row * start.wDim + j] }
                }
            }
            adam.step(&parameters, gradient: gradient, learningRate: learningRate)
            progress(step + 1, loss)
        }
        let tuned = Latent(numWs: start.numWs, wDim: start.wDim, values: placing(parameters, into: start.values))
        let after = measure(parameters, on: heldOut)
        return Outcome(latent: tuned, heldOutShownBefore: before.shown, heldOutShownAfter: after.shown,
                       heldOutPSNRBefore: before.psnr, heldOutPSNRAfter: after.psnr)
    }

    /// The forward and backward pass of dL/dimage = `imageGradient(image)`: the ws gradient.
    private static func pass<Network: DifferentiableSynthesis>(_ network: Network, ws: [Float],
                                                               imageGradient: ([Float]) -> [Float]) -> [Float] {
        let (image, tape) = network.forward(ws: ws, noise: network.constantNoise)
        return network.backward(tape, imageGradient: imageGradient(image.data)).ws
    }
}

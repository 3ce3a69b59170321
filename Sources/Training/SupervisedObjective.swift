import Foundation
import StyleCastArt
import StyleCastIO
import StyleGAN

/// One training example: two latents and, per attribute group, which of them its w rows come
/// from. The target is the renderer's drawing of the same mix of attributes, so the network
/// learns that a group's rows, and only they, carry that group.
struct TrainingSample {
    var zA: [Float]
    var zB: [Float]
    /// Group name -> take the rows (and the attributes) from B.
    var fromB: [String: Bool]

    /// The attributes the mixed latent stands for.
    func attributes() -> CharacterAttributes {
        let a = LatentAttributeCode.attributes(latent: zA), b = LatentAttributeCode.attributes(latent: zB)
        var mixed = a
        if fromB["shape"] == true { mixed.shape = b.shape }
        if fromB["expression"] == true { mixed.expression.expression = b.expression.expression }
        if fromB["headTurn"] == true { mixed.expression.headTurn = b.expression.headTurn }
        if fromB["colours"] == true { mixed.colours = b.colours }
        return mixed
    }

    /// Which contrast an `AttributeEmphasis` draws for this sample: bits of the latent itself.
    var contrastKey: UInt32 { zA.last!.bitPattern }
}

/// Draws the samples of each training step from the run's seed and the step number alone, so a
/// resumed run sees exactly the batches the uninterrupted run would have.
struct SampleStream {
    let seed: UInt32
    let zDim: Int
    let groups: [String]
    let mixingProbability: Double

    /// One NumPy-compatible stream per step: the step number hashed into the seed (SplitMix64's
    /// finaliser), so any step's draws can be made without the steps before it.
    static func random(seed: UInt32, step: Int) -> NumpyRandom {
        var mixer = UInt64(seed) << 32 ^ UInt64(step)
        mixer = (mixer ^ (mixer >> 30)) &* 0xBF58476D1CE4E5B9
        mixer = (mixer ^ (mixer >> 27)) &* 0x94D049BB133111EB
        return NumpyRandom(seed: UInt32(truncatingIfNeeded: mixer ^ (mixer >> 31)))
    }

    func batch(step: Int, size: Int) -> [TrainingSample] {
        var random = Self.random(seed: seed, step: step)
        return (0..<size).map { _ in
            let zA = random.standardNormal(count: zDim).map { Float($0) }
            let zB = random.standardNormal(count: zDim).map { Float($0) }
            var fromB: [String: Bool] = [:]
            if random.nextDouble() < mixingProbability {
                for group in groups { fromB[group] = random.nextDouble() < 0.5 }
            }
            return TrainingSample(zA: zA, zB: zB, fromB: fromB)
        }
    }
}

/// The supervised objective: mean squared error, in the network's [-1, 1] scale, between the
/// generated RGBA image and the renderer's image of the sample's attributes. It is what PSNR
/// measures (PSNR = 10 log10(4 / loss)), so the training loss reads directly as fidelity. With an
/// `AttributeEmphasis` the gradient weighs some attributes' pixels more; the loss reported stays
/// the plain mean squared error.
struct SupervisedObjective {
    let target: TrainingTarget
    let rows: RowGroups
    var attributeEmphasis: AttributeEmphasis? = nil

    /// Per w row: whether the sample takes it (its group) from B.
    func rowsFromB(_ sample: TrainingSample, numWs: Int) -> [Bool] {
        var fromB = [Bool](repeating: false, count: numWs)
        for (name, groupRows) in rows.groups where sample.fromB[name] == true {
            for row in groupRows { fromB[row] = true }
        }
        return fromB
    }

    /// ws for a sample: each group's rows from wA or wB.
    func ws(_ sample: TrainingSample, wA: [Float], wB: [Float], numWs: Int) -> [Float] {
        let wDim = wA.count
        var ws = [Float](repeating: 0, count: numWs * wDim)
        for (row, fromB) in rowsFromB(sample, numWs: numWs).enumerated() {
            ws.replaceSubrange(row * wDim ..< (row + 1) * wDim, with: fromB ? wB : wA)
        }
        return ws
    }

    struct Result {
        var loss: Double
        /// Summed over the batch's samples, by tensor name.
        var gradients: [String: [Float]]
        /// The batch's mapped w (A latents), for the running average.
        var meanW: [Float]
        /// With a read-out head: its mean squared error over the batch's latents (A and B), and
        /// its own gradient.
        var readOutLoss: Double = 0
        var readOutGradient: [Float]? = nil
    }

    /// Loss and parameter gradients of one batch, averaged over its samples. With `readOut`, its
    /// error on both latents of each sample, times `readOutWeight`, is added to the loss the
    /// mapping network learns from (`loss` stays the image's, which is what PSNR reads).
    func evaluate(_ batch: [TrainingSample], generator: Generator, readOut: ReadOutHead? = nil,
                  readOutWeight: Float = 0) throws -> Result {
        guard let synthesis = generator.synthesis as? StyleGAN2Synthesis else {
            throw TrainingError(reason: "only StyleGAN2 generators can be trained")
        }
        let mapping = generator.mapping
        let numWs = synthesis.numWs, wDim = synthesis.wDim
        var total = Result(loss: 0, gradients: [:], meanW: [Float](repeating: 0, count: wDim))
        let scale = 1 / Float(batch.count)
        var headGradient = [Float](repeating: 0, count: readOut?.values.count ?? 0)
        for sample in batch {
            let tapeA = mapping.record(z: sample.zA), tapeB = mapping.record(z: sample.zB)
            let rowsFromB = self.rowsFromB(sample, numWs: numWs)
            let ws = self.ws(sample, wA: tapeA.w, wB: tapeB.w, numWs: numWs)
            let (image, tape) = synthesis.recordingForward(ws: ws, noise: synthesis.constantNoise)
            let attributes = sample.attributes()
            let drawing = self.target.render(attributes)
            let target = TrainingTarget.networkLayout(drawing)
            precondition(target.count == image.data.count, "the renderer's image does not match the network's output size")
            let pixelWeights = attributeEmphasis.map { emphasis in
                emphasis.pixelWeights(mask: emphasis.mask(character: attributes, drawing: drawing, contrastKey: sample.contrastKey,
                                                          render: self.target.render))
            }
            var squared: Double = 0
            var imageGradient = [Float](repeating: 0, count: target.count)
            let perElement = 2 / Float(target.count) * scale
            let plane = target.count / 4
            for i in target.indices {
                let difference = image.data[i] - target[i]
                squared += Double(difference * difference)
                imageGradient[i] = perElement * difference * (pixelWeights?[i % plane] ?? 1)
            }
            total.loss += squared / Double(target.count) / Double(batch.count)
            let (wsGradient, synthesisGradients) = synthesis.parameterGradients(tape, imageGradient: imageGradient)
            accumulate(synthesisGradients, into: &total.gradients)
            // dL/dw of each latent: the sum over the rows it supplied.
            var gradientA = [Float](repeating: 0, count: wDim), gradientB = gradientA
            for (row, fromB) in rowsFromB.enumerated() {
                for j in 0..<wDim {
                    if fromB { gradientB[j] += wsGradient[row * wDim + j] } else { gradientA[j] += wsGradient[row * wDim + j] }
                }
            }
            if let readOut {
                func addReadOut(_ tape: MappingTape, _ z: [Float], into gradient: inout [Float]) {
                    let (loss, wGradient) = readOut.evaluate(w: tape.w, attributes: LatentAttributeCode.attributes(latent: z),
                                                             scale: readOutWeight * scale, headGradient: &headGradient)
                    total.readOutLoss += loss / Double(2 * batch.count)
                    for j in 0..<wDim { gradient[j] += wGradient[j] }
                }
                addReadOut(tapeA, sample.zA, into: &gradientA)
                addReadOut(tapeB, sample.zB, into: &gradientB)
            }
            accumulate(mapping.parameterGradients(tapeA, wGradient: gradientA), into: &total.gradients)
            if gradientB.contains(where: { $0 != 0 }) {
                accumulate(mapping.parameterGradients(tapeB, wGradient: gradientB), into: &total.gradients)
            }
            for j in 0..<wDim { total.meanW[j] += tapeA.w[j] * scale }
        }
        if readOut != nil { total.readOutGradient = headGradient }
        return total
    }

    private func accumulate(_ gradients: [String: [Float]], into total: inout [String: [Float]]) {
        // Summed in place: copying `total[name]` out and back would copy every gradient per sample.
        for (name, values) in gradients {
            if total[name] == nil {
                total[name] = values
            } else {
                total[name]!.withUnsafeMutableBufferPointer { sum in
                    for i in sum.indices { sum[i] += values[i] }
                }
            }
        }
    }
}

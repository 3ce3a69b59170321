import Foundation
import Projection
import StyleCastArt
import StyleGAN

/// The config's `readOutLoss`: a second, small loss that keeps every attribute linearly readable
/// from w while the image loss trains (see `ReadOutHead`).
public struct ReadOutLoss: Equatable, Sendable {
    /// The read-out's mean squared error counts this much against the image's.
    public var weight: Float
    /// Adam's step size for the read-out head itself.
    public var learningRate: Float
}

/// A linear read-out of a latent's attributes (`AttributeFeatures`) from its w, trained beside the
/// generator. The synthesis reads w only through affine layers, so whatever is tangled in w it
/// can only draw apart through its convolutions; a mapping trained by the image loss alone
/// tangles colours its input held plainly (models/README.md). This head's error, passed back into
/// the mapping network, asks it to keep them apart, as `MappingPretrainer` does before a run.
struct ReadOutHead {
    let features: AttributeFeatures
    let wDim: Int
    /// [features.width, wDim], then [features.width] biases: one vector, as Adam sees it.
    var values: [Float]
    var adam: Adam

    static let weightTensor = "trainer.read_out"
    static let firstMomentTensor = "trainer.read_out.adam.first_moment"
    static let secondMomentTensor = "trainer.read_out.adam.second_moment"
    static let adamStepsKey = "trainer.read_out.adam_steps"

    /// The least-squares read-out of `count` latents' w (drawn from `seed`), so the loss starts
    /// from what the mapping already tells apart rather than from a head that reads nothing.
    init(fittedTo mapping: MappingNetwork, target: TrainingTarget, zDim: Int, seed: UInt32, count: Int = 4096) {
        features = AttributeFeatures(target: target)
        wDim = mapping.spec.wDim
        var random = NumpyRandom(seed: seed ^ 0x7265_6164)
        let columns = wDim + 1, width = features.width
        // Normal equations in Double, X = [w, 1]: (X^T X + ridge I) B = X^T Y.
        var gram = [Double](repeating: 0, count: columns * columns)
        var moment = [Double](repeating: 0, count: columns * width)
        for _ in 0..<count {
            let z = random.standardNormal(count: zDim).map { Float($0) }
            let x = mapping.record(z: z).w.map(Double.init) + [1]
            let y = features.vector(LatentAttributeCode.attributes(latent: z))
            for i in 0..<columns {
                for j in 0..<columns { gram[i * columns + j] += x[i] * x[j] }
                for f in 0..<width { moment[i * width + f] += x[i] * Double(y[f]) }
            }
        }
        for i in 0..<columns { gram[i * columns + i] += 1e-3 * Double(count) }
        let solution = Self.choleskySolve(gram, moment, size: columns, rightHandSides: width)
        var values = [Float](repeating: 0, count: width * (wDim + 1))
        for f in 0..<width {
            for j in 0..<wDim { values[f * wDim + j] = Float(solution[j * width + f]) }
            values[width * wDim + f] = Float(solution[wDim * width + f])
        }
        self.values = values
        adam = Self.freshOptimiser(for: values.count)
    }

    /// A head that reads nothing yet (all zeros), to be trained from scratch.
    init(zeroFor target: TrainingTarget, wDim: Int) {
        features = AttributeFeatures(target: target)
        self.wDim = wDim
        values = [Float](repeating: 0, count: features.width * (wDim + 1))
        adam = Self.freshOptimiser(for: values.count)
    }

    /// The head's Adam: the trainers' betas.
    private static func freshOptimiser(for count: Int) -> Adam {
        Adam(parameterCount: count, beta1: optimiserBetas.0, beta2: optimiserBetas.1)
    }

    private static let optimiserBetas: (Float, Float) = (0.9, 0.99)

    /// What a checkpoint keeps of the head: its values and Adam's moments as tensors, Adam's step
    /// count as metadata.
    var checkpointEntries: (tensors: [String: Tensor], metadata: [String: String]) {
        ([Self.weightTensor: Tensor(shape: [values.count], data: values),
          Self.firstMomentTensor: Tensor(shape: [values.count], data: adam.firstMoment),
          Self.secondMomentTensor: Tensor(shape: [values.count], data: adam.secondMoment)],
         [Self.adamStepsKey: String(adam.stepCount)])
    }

    /// Takes a head's tensors out of a checkpoint's `tensors` (they are not the generator's) and
    /// returns the head when the checkpoint has one; an error when it does not fit `target` and
    /// `wDim`.
    static func take(from tensors: inout [String: Tensor], metadata: [String: String], target: TrainingTarget,
                     wDim: Int, path: String) throws -> ReadOutHead? {
        let values = tensors.removeValue(forKey: weightTensor)
        let first = tensors.removeValue(forKey: firstMomentTensor), second = tensors.removeValue(forKey: secondMomentTensor)
        guard let values, let first, let second, let steps = metadata[adamStepsKey].flatMap(Int.init) else { return nil }
        let features = AttributeFeatures(target: target)
        guard values.count == features.width * (wDim + 1), first.count == values.count, second.count == values.count else {
            throw TrainingError(subject: path, reason: "the read-out head does not match the config's target and w_dim")
        }
        return ReadOutHead(features: features, wDim: wDim, values: values.data,
                           adam: Adam(firstMoment: first.data, secondMoment: second.data, stepCount: steps,
                                      beta1: optimiserBetas.0, beta2: optimiserBetas.1))
    }

    private init(features: AttributeFeatures, wDim: Int, values: [Float], adam: Adam) {
        self.features = features
        self.wDim = wDim
        self.values = values
        self.adam = adam
    }

    /// The features this head reads from `w`.
    func readOut(_ w: [Float]) -> [Float] {
        let width = features.width
        return (0..<width).map { f in
            var sum = values[width * wDim + f]
            for j in 0..<wDim { sum += values[f * wDim + j] * w[j] }
            return sum
        }
    }

    /// Mean squared error of the read-out of `w` against `attributes`, its gradient with respect
    /// to w (times `scale`), and the head's own gradient (times `scale`) added into `headGradient`.
    func evaluate(w: [Float], attributes: CharacterAttributes, scale: Float,
                  headGradient: inout [Float]) -> (loss: Double, wGradient: [Float]) {
        let width = features.width
        let wanted = features.vector(attributes), read = readOut(w)
        var loss: Double = 0
        var wGradient = [Float](repeating: 0, count: wDim)
        values.withUnsafeBufferPointer { head in
            headGradient.withUnsafeMutableBufferPointer { gradient in
                for f in 0..<width {
                    let difference = read[f] - wanted[f]
                    loss += Double(difference * difference)
                    let d = 2 * difference / Float(width) * scale
                    gradient[width * wDim + f] += d
                    for j in 0..<wDim {
                        gradient[f * wDim + j] += d * w[j]
                        wGradient[j] += d * head[f * wDim + j]
                    }
                }
            }
        }
        return (loss / Double(width), wGradient)
    }

    /// One Adam step of the head on its gradient.
    mutating func step(gradient: [Float], learningRate: Float) {
        adam.step(&values, gradient: gradient, learningRate: learningRate)
    }

    /// Solves the symmetric positive definite system A X = B (A n x n, B n x k, row-major).
    private static func choleskySolve(_ a: [Double], _ b: [Double], size n: Int, rightHandSides k: Int) -> [Double] {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = a[i * n + j]
                for m in 0..<j { sum -= l[i * n + m] * l[j * n + m] }
                l[i * n + j] = i == j ? sum.squareRoot() : sum / l[j * n + j]
            }
        }
        var x = b
        for c in 0..<k {
            for i in 0..<n {  // L y = b
                var sum = x[i * k + c]
                for m in 0..<i { sum -= l[i * n + m] * x[m * k + c] }
                x[i * k + c] = sum / l[i * n + i]
            }
            for i in stride(from: n - 1, through: 0, by: -1) {  // L^T x = y
                var sum = x[i * k + c]
                for m in (i + 1)..<n { sum -= l[m * n + i] * x[m * k + c] }
                x[i * k + c] = sum / l[i * n + i]
            }
        }
        return x
    }
}

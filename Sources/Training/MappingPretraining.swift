import BLAS
import Foundation
import Projection
import StyleCastArt
import StyleCastIO
import StyleGAN

/// The config's `mappingPretraining`: how long to teach a new network's mapping to read the latent
/// attribute code before the image loss starts.
public struct MappingPretraining: Equatable, Sendable {
    /// Adam steps, each of `batchSize` fresh latents.
    public var steps: Int
    public var batchSize: Int
    public var learningRate: Float
}

/// Teaches a new network's mapping to read `LatentAttributeCode` before the image loss starts.
///
/// The synthesis reads w only through affine layers, so an attribute it must draw has to be
/// readable from w linearly; a random mapping network leaves many of them tangled (a linear
/// read-out of the models' w trained 750,000 images the old way tells 32% of expressions apart,
/// of normalised z itself 27%). Trained alone against a linear read-out of every attribute the
/// target draws (a `ReadOutHead`), the mapping learns in seconds what the image loss takes
/// hundreds of thousands of images to teach it. The read-out is thrown away; the last layer is
/// then scaled (leaky ReLU is positively homogeneous) so w keeps the size a new mapping gives,
/// which the synthesis' initial weights expect.
enum MappingPretrainer {
    /// Per attribute: the share of held-out latents the trained read-out names right.
    typealias ReadOutAccuracy = [(name: String, share: Double)]

    @discardableResult
    static func pretrain(_ parameters: inout ModelParameters, settings: MappingPretraining, target: TrainingTarget,
                         seed: UInt32, log: (String) -> Void) throws -> ReadOutAccuracy {
        // Thousands of tiny GEMVs a step: OpenBLAS's threads would only spin between them.
        let threads = blasThreadCount
        blasThreadCount = 1
        defer { blasThreadCount = threads }
        let spec = parameters.spec.mapping
        let names = spec.tensorSpecs.filter(\.isParameter).map(\.name)
        var mappingValues = parameters.flattened(names)
        var adam = Adam(parameterCount: mappingValues.count, beta1: 0.9, beta2: 0.99)
        // The head learns at 1/sqrt(w_dim) of the mapping's rate: the equalised learning rate of
        // the synthesis' affine layers, which read w the same way.
        var head = ReadOutHead(zeroFor: target, wDim: spec.wDim)
        let headRate = settings.learningRate / Float(spec.wDim).squareRoot()
        var random = NumpyRandom(seed: seed ^ 0x6D61_7070)
        var heldOutRandom = NumpyRandom(seed: seed ^ 0x686F_6C64)
        let heldOut = (0..<1000).map { _ in heldOutRandom.standardNormal(count: spec.zDim).map { Float($0) } }
        let startRMS = try rootMeanSquareW(of: heldOut, parameters: parameters)

        for step in 1...settings.steps {
            let network = try mappingNetwork(of: parameters)
            var gradient = [Float](repeating: 0, count: mappingValues.count)
            var headGradient = [Float](repeating: 0, count: head.values.count)
            var loss: Double = 0
            for _ in 0..<settings.batchSize {
                let z = random.standardNormal(count: spec.zDim).map { Float($0) }
                let tape = network.record(z: z)
                let (sampleLoss, wGradient) = head.evaluate(w: tape.w, attributes: LatentAttributeCode.attributes(latent: z),
                                                            scale: 1 / Float(settings.batchSize), headGradient: &headGradient)
                loss += sampleLoss
                let mappingGradient = parameters.flatten(gradients: network.parameterGradients(tape, wGradient: wGradient), names: names)
                for (i, g) in mappingGradient.enumerated() { gradient[i] += g }
            }
            adam.step(&mappingValues, gradient: gradient, learningRate: settings.learningRate)
            head.step(gradient: headGradient, learningRate: headRate)
            parameters.update(from: mappingValues, names: names)
            if step % 500 == 0 || step == settings.steps {
                log(String(format: "mapping pretraining: step %d/%d, read-out loss %.4f", step, settings.steps,
                           loss / Double(settings.batchSize)))
            }
        }
        // How well the trained read-out names each attribute, on latents it never saw.
        let network = try mappingNetwork(of: parameters)
        var right = [Int](repeating: 0, count: head.features.features.count)
        for z in heldOut {
            let verdicts = head.features.reads(head.readOut(network.record(z: z).w), LatentAttributeCode.attributes(latent: z))
            for (index, verdict) in verdicts.enumerated() where verdict.right { right[index] += 1 }
        }
        let accuracy: ReadOutAccuracy = zip(head.features.features, right).map { (name: $0.name, share: Double($1) / Double(heldOut.count)) }
        log("mapping pretraining: read-out accuracy " + accuracy.map { String(format: "%@ %.0f%%", $0.name, $0.share * 100) }
            .joined(separator: ", "))

        let scale = startRMS / (try rootMeanSquareW(of: heldOut, parameters: parameters))
        let lastLayer = names.filter { $0.hasPrefix("mapping.fc\(spec.numLayers - 1).") }
        parameters.update(from: parameters.flattened(lastLayer).map { $0 * scale }, names: lastLayer)
        return accuracy
    }

    private static func mappingNetwork(of parameters: ModelParameters) throws -> MappingNetwork {
        try MappingNetwork(file: parameters.file(metadata: [:]), spec: parameters.spec.mapping)
    }

    private static func rootMeanSquareW(of latents: [[Float]], parameters: ModelParameters) throws -> Float {
        let network = try mappingNetwork(of: parameters)
        var sum: Double = 0, count = 0
        for z in latents {
            for v in network.record(z: z).w { sum += Double(v * v) }
            count += parameters.spec.mapping.wDim
        }
        return Float((sum / Double(count)).squareRoot())
    }
}

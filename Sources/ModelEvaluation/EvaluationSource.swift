import StyleCastArt
import StyleCastIO
import Training

/// Where the evaluated images come from: a trained model, or (to prove the evaluation itself)
/// the renderer, which must score perfectly.
public protocol EvaluationSource: Sendable {
    var target: TrainingTarget { get }
    /// Labels the source in reports (a model path).
    var name: String { get }
    /// The character seed `seed` stands for.
    func attributes(seed: UInt32) -> CharacterAttributes
    /// The image of a seed at truncation `psi`.
    func image(seed: UInt32, psi: Float) throws -> RGBAImage
    /// The image of seed `base` with `group` taken from seed `donor` (a style mix).
    func image(seed base: UInt32, taking group: AttributeGroup, from donor: UInt32, psi: Float) throws -> RGBAImage
    /// What `image(seed:taking:from:psi:)` swaps, for the report (w rows for a model).
    func describe(_ group: AttributeGroup) -> String
}

/// The renderer as a source: the image of a seed is exactly its training target, so every
/// fidelity figure is perfect, every image clean, every mix exact. Truncation changes nothing
/// (argmax attributes do not change when z is scaled).
public struct RendererSource: EvaluationSource {
    public let target: TrainingTarget
    public let zDim: Int
    public var name: String { "renderer (\(target.rawValue))" }

    public init(target: TrainingTarget, zDim: Int) {
        self.target = target
        self.zDim = zDim
    }

    public func attributes(seed: UInt32) -> CharacterAttributes { SeedCharacter.attributes(seed: seed, zDim: zDim) }

    public func image(seed: UInt32, psi: Float) throws -> RGBAImage { target.render(attributes(seed: seed)) }

    public func image(seed base: UInt32, taking group: AttributeGroup, from donor: UInt32, psi: Float) throws -> RGBAImage {
        target.render(group.transplant(from: attributes(seed: donor), into: attributes(seed: base)))
    }

    public func describe(_ group: AttributeGroup) -> String { "the \(group.rawValue) attributes" }
}

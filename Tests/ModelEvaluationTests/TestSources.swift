import ArtQuality
import ModelEvaluation
import StyleCastArt
import StyleCastIO
import Training

/// The renderer with one flaw, so the evaluation can be seen to catch it.
struct FlawedSource: EvaluationSource {
    enum Flaw: Sendable {
        /// Style mixing changes nothing: the mix is A's own image.
        case mixingIgnored
        /// Every image carries a stray speck in its top-left corner.
        case speck
        /// The model draws the character of the next seed.
        case wrongCharacter
        /// The model draws the right character with the next hair colour.
        case wrongHairColour
        /// The model draws every face with the neutral expression.
        case neutralExpression
    }

    let renderer: RendererSource
    let flaw: Flaw

    var target: TrainingTarget { renderer.target }
    var name: String { "flawed renderer" }

    func attributes(seed: UInt32) -> CharacterAttributes { renderer.attributes(seed: seed) }

    func image(seed: UInt32, psi: Float) throws -> RGBAImage {
        switch flaw {
        case .mixingIgnored: return try renderer.image(seed: seed, psi: psi)
        case .speck:
            var image = try renderer.image(seed: seed, psi: psi)
            image[1, 1] = (255, 0, 0, 255)
            return image
        case .wrongCharacter: return try renderer.image(seed: seed &+ 1, psi: psi)
        case .wrongHairColour:
            var attributes = renderer.attributes(seed: seed)
            let colours = HairColour.allCases
            attributes.colours.hair = colours[(colours.firstIndex(of: attributes.colours.hair)! + 1) % colours.count]
            return renderer.target.render(attributes)
        case .neutralExpression:
            var attributes = renderer.attributes(seed: seed)
            attributes.expression.expression = .neutral
            return renderer.target.render(attributes)
        }
    }

    func image(seed base: UInt32, taking group: AttributeGroup, from donor: UInt32, psi: Float) throws -> RGBAImage {
        flaw == .mixingIgnored ? try image(seed: base, psi: psi) : try renderer.image(seed: base, taking: group, from: donor, psi: psi)
    }

    func describe(_ group: AttributeGroup) -> String { renderer.describe(group) }
}

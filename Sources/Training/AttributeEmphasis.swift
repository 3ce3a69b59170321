import StyleCastArt
import StyleCastIO

/// `"attributeEmphasis": {"weight": W, "attributes": ["expression", ...]}` in a config: the image
/// loss counts the pixels that tell one of these attributes apart (1 + W) times as much. An
/// expression changes a few hundred of a portrait's 20,736 pixels, an eye colour a few dozen,
/// so under the plain mean squared error they weigh little against hair and clothes, and they
/// are what the models get wrong most.
public struct AttributeEmphasis: Sendable {
    /// Extra weight of an emphasised pixel (0 would be the plain loss).
    public var weight: Float
    public var attributes: [CharacterAttribute]

    public init(weight: Float, attributes: [CharacterAttribute]) {
        precondition(!attributes.isEmpty, "an emphasis needs at least one attribute")
        self.weight = weight
        self.attributes = attributes
    }

    /// The character to contrast `character` with: the same one with one of the attributes set to
    /// another value, or nil when that attribute has no other value. Which attribute and value
    /// come from `contrastKey` (the sample latent's own bits, not the batch's random stream, so a
    /// run with emphasis sees exactly the batches of the run without it).
    func contrast(to character: CharacterAttributes, contrastKey: UInt32) -> CharacterAttributes? {
        let attribute = attributes[Int(contrastKey % UInt32(attributes.count))]
        let alternatives = attribute.alternatives(character)
        guard !alternatives.isEmpty else { return nil }
        return alternatives[Int(contrastKey / UInt32(attributes.count) % UInt32(alternatives.count))]
    }

    /// Per pixel of `drawing` (the renderer's drawing of `character`), 1 where the drawing of its
    /// contrast (`contrast(to:contrastKey:)`, drawn by `render`) differs in any channel, else 0.
    /// This mask is all another trainer needs besides the weight (`stylecast train-samples`).
    func mask(character: CharacterAttributes, drawing: RGBAImage, contrastKey: UInt32,
              render: (CharacterAttributes) -> RGBAImage) -> [UInt8] {
        var mask = [UInt8](repeating: 0, count: drawing.width * drawing.height)
        guard let other = contrast(to: character, contrastKey: contrastKey).map(render) else { return mask }
        precondition(other.width == drawing.width && other.height == drawing.height, "a contrast is drawn at the drawing's size")
        drawing.pixels.withUnsafeBufferPointer { a in
            other.pixels.withUnsafeBufferPointer { b in
                for p in mask.indices where a[4 * p] != b[4 * p] || a[4 * p + 1] != b[4 * p + 1]
                    || a[4 * p + 2] != b[4 * p + 2] || a[4 * p + 3] != b[4 * p + 3] {
                    mask[p] = 1
                }
            }
        }
        return mask
    }

    /// The loss weights of a mask: 1 + weight where it is 1, 1 elsewhere, scaled to a mean of 1 so
    /// the loss keeps its size and only its balance moves.
    func pixelWeights(mask: [UInt8]) -> [Float] {
        let emphasised = mask.reduce(0) { $0 + Int($1) }
        let mean = 1 + weight * Float(emphasised) / Float(mask.count)
        return mask.map { (1 + weight * Float($0)) / mean }
    }
}

extension AttributeEmphasis: Equatable {
    public static func == (a: AttributeEmphasis, b: AttributeEmphasis) -> Bool {
        a.weight == b.weight && a.attributes.map(\.name) == b.attributes.map(\.name)
    }
}

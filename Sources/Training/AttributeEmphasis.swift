import StyleCastArt

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

    /// Per-pixel loss weights for a sample whose target is `target` (network layout, [4, H, W])
    /// drawn from `character`: 1 + weight where the renderer's drawing of the same character with
    /// one of the attributes set to another value differs in any channel, 1 elsewhere, scaled to a
    /// mean of 1 so the loss keeps its size and only its balance moves. Which attribute and value
    /// come from `contrastKey` (the sample latent's own bits, not the batch's random stream, so a
    /// run with emphasis sees exactly the batches of the run without it).
    func pixelWeights(target: [Float], character: CharacterAttributes, contrastKey: UInt32,
                      render: (CharacterAttributes) -> [Float]) -> [Float] {
        let attribute = attributes[Int(contrastKey % UInt32(attributes.count))]
        let alternatives = attribute.alternatives(character)
        let plane = target.count / 4
        guard !alternatives.isEmpty else { return [Float](repeating: 1, count: plane) }
        let other = render(alternatives[Int(contrastKey / UInt32(attributes.count) % UInt32(alternatives.count))])
        var weights = [Float](repeating: 1, count: plane)
        var emphasised = 0
        for p in 0..<plane where (0..<4).contains(where: { target[$0 * plane + p] != other[$0 * plane + p] }) {
            weights[p] += weight
            emphasised += 1
        }
        let mean = 1 + weight * Float(emphasised) / Float(plane)
        return weights.map { $0 / mean }
    }
}

extension AttributeEmphasis: Equatable {
    public static func == (a: AttributeEmphasis, b: AttributeEmphasis) -> Bool {
        a.weight == b.weight && a.attributes.map(\.name) == b.attributes.map(\.name)
    }
}

import Randomness
/// Stream numbers of `SplitMix64(seed:stream:)`, one per attribute group, so that each group
/// is a deterministic function of the seed alone.
enum AttributeStream {
    static let shape: UInt64 = 1
    static let expression: UInt64 = 2
    static let colours: UInt64 = 3
}

/// The character of a seed. Every field is drawn independently, uniformly from its cases except
/// where noted (half wear no headwear, a third a cape, a fifth glasses; trim is a cloth colour
/// other than the main one), so every combination has a chance.
public func sampleAttributes(seed: UInt64) -> CharacterAttributes {
    CharacterAttributes(shape: sampleShape(seed: seed),
                        expression: sampleExpression(seed: seed),
                        colours: sampleColours(seed: seed))
}

/// Body, hair style, outfit and accessories of a seed (stream 1).
public func sampleShape(seed: UInt64) -> ShapeAttributes {
    var random = SplitMix64(seed: seed, stream: AttributeStream.shape)
    return ShapeAttributes(
        age: random.pick(),
        build: random.pick(),
        hairStyle: random.pick(),
        outfit: random.pick(),
        accessories: Accessories(headwear: sampleHeadwear(&random),
                                 cape: random.chance(1, in: 3),
                                 glasses: random.chance(1, in: 5)))
}

/// Half of all characters wear nothing on the head; the rest wear one of the others equally often.
private func sampleHeadwear(_ random: inout SplitMix64) -> Headwear {
    if random.chance(1, in: 2) { return .none }
    let worn = Headwear.allCases.filter { $0 != .none }
    return worn[random.index(below: worn.count)]
}

/// Expression and head turn of a seed (stream 2).
public func sampleExpression(seed: UInt64) -> ExpressionAttributes {
    var random = SplitMix64(seed: seed, stream: AttributeStream.expression)
    return ExpressionAttributes(expression: random.pick(), headTurn: random.pick())
}

/// Skin, hair, eye and outfit colours of a seed (stream 3).
public func sampleColours(seed: UInt64) -> ColourAttributes {
    var random = SplitMix64(seed: seed, stream: AttributeStream.colours)
    let skin: SkinTone = random.pick()
    let hair: HairColour = random.pick()
    let eyes: EyeColour = random.pick()
    let cloth = ClothColour.allCases
    let main = cloth[random.index(below: cloth.count)]
    let others = cloth.filter { $0 != main }
    let trim = others[random.index(below: others.count)]
    return ColourAttributes(skin: skin, hair: hair, eyes: eyes, outfitMain: main, outfitTrim: trim)
}

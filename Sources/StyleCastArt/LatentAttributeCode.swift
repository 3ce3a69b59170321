/// How a latent vector z encodes a character, so that a generator trained to draw the renderer's
/// image of `attributes(latent: z)` gives each z a meaning, and presets can be written down.
///
/// Every attribute owns a block of z coordinates and takes the case whose coordinate is largest
/// (argmax). Argmax of independent Gaussians is uniform, so a random z gives the same attribute
/// distribution as `sampleAttributes`; weighted choices own several coordinates for one case
/// (half of all characters wear nothing on the head: 3 of its 6 coordinates mean "none"). Argmax is
/// unchanged by scaling z, so the normalisation the mapping network applies, and truncation
/// toward the origin, keep a character's attributes.
public enum LatentAttributeCode {
    // The blocks in z order: shape, expression, then colours.
    static let age = block(BodyAge.self)
    static let build = block(BodyBuild.self)
    static let hairStyle = block(HairStyle.self)
    static let outfit = block(Outfit.self)
    /// 6 coordinates: 0-2 none, 3 hat, 4 headband, 5 ribbon.
    static let headwearCases: [Headwear] = [.none, .none, .none, .hat, .headband, .ribbon]
    /// 3 coordinates, the first means a cape (a third of all characters).
    static let capeCoordinates = 3
    /// 5 coordinates, the first means glasses (a fifth).
    static let glassesCoordinates = 5
    static let expression = block(Expression.self)
    static let headTurn = block(HeadTurn.self)
    static let skin = block(SkinTone.self)
    static let hair = block(HairColour.self)
    static let eyes = block(EyeColour.self)
    static let cloth = block(ClothColour.self)

    private static func block<T: CaseIterable>(_ type: T.Type) -> Int { T.allCases.count }

    /// Block sizes in z order; the trim colour has its own cloth-sized block.
    static var blockSizes: [Int] {
        [age, build, hairStyle, outfit, headwearCases.count, capeCoordinates, glassesCoordinates,
         expression, headTurn, skin, hair, eyes, cloth, cloth]
    }

    /// z coordinates the code reads; the rest of z is free (a model's z_dim must be at least this).
    public static var dimensions: Int { blockSizes.reduce(0, +) }

    /// Where each block starts.
    private static var blockStarts: [Int] {
        var starts: [Int] = [], start = 0
        for size in blockSizes { starts.append(start); start += size }
        return starts
    }

    /// The character a latent stands for.
    public static func attributes(latent z: [Float]) -> CharacterAttributes {
        precondition(z.count >= dimensions, "a latent needs at least \(dimensions) values to encode a character")
        var reader = BlockReader(z: z, starts: blockStarts, sizes: blockSizes)
        let age: BodyAge = reader.pick()
        let build: BodyBuild = reader.pick()
        let hairStyle: HairStyle = reader.pick()
        let outfit: Outfit = reader.pick()
        let headwear = headwearCases[reader.argmax()]
        let cape = reader.argmax() == 0
        let glasses = reader.argmax() == 0
        let expression: Expression = reader.pick()
        let turn: HeadTurn = reader.pick()
        let skin: SkinTone = reader.pick()
        let hair: HairColour = reader.pick()
        let eyes: EyeColour = reader.pick()
        let main: ClothColour = reader.pick()
        let trim = ClothColour.allCases[reader.argmax(excluding: ClothColour.allCases.firstIndex(of: main)!)]
        return CharacterAttributes(
            shape: ShapeAttributes(age: age, build: build, hairStyle: hairStyle, outfit: outfit,
                                   accessories: Accessories(headwear: headwear, cape: cape, glasses: glasses)),
            expression: ExpressionAttributes(expression: expression, headTurn: turn),
            colours: ColourAttributes(skin: skin, hair: hair, eyes: eyes, outfitMain: main, outfitTrim: trim))
    }

    /// `base` changed as little as possible so that it encodes `attributes`: in each block whose
    /// case differs, the wanted coordinate swaps values with the block's largest (a swap keeps z a
    /// draw from the same Gaussian), then, when `margin` > 0, is raised to lead the block by at
    /// least `margin`, so that the choice sits well inside its region.
    public static func latent(setting attributes: CharacterAttributes, on base: [Float], margin: Float = 0) -> [Float] {
        precondition(base.count >= dimensions, "a latent needs at least \(dimensions) values to encode a character")
        var z = base
        let starts = blockStarts, sizes = blockSizes
        func index<T: CaseIterable & Equatable>(_ value: T) -> Int { Array(T.allCases).firstIndex(of: value)! }
        let shape = attributes.shape, colours = attributes.colours
        let mainIndex = index(colours.outfitMain)
        // The wanted coordinate of each block (for weighted blocks, the first that means the case).
        let wanted: [(coordinates: [Int], excluding: Int?)] = [
            ([index(shape.age)], nil), ([index(shape.build)], nil), ([index(shape.hairStyle)], nil),
            ([index(shape.outfit)], nil),
            (headwearCases.indices.filter { headwearCases[$0] == shape.accessories.headwear }, nil),
            (shape.accessories.cape ? [0] : Array(1..<capeCoordinates), nil),
            (shape.accessories.glasses ? [0] : Array(1..<glassesCoordinates), nil),
            ([index(attributes.expression.expression)], nil), ([index(attributes.expression.headTurn)], nil),
            ([index(colours.skin)], nil), ([index(colours.hair)], nil), ([index(colours.eyes)], nil),
            ([mainIndex], nil), ([index(colours.outfitTrim)], mainIndex),
        ]
        for (block, choice) in wanted.enumerated() {
            let start = starts[block]
            let candidates = (0..<sizes[block]).filter { $0 != choice.excluding }
            let leader = candidates.max { z[start + $0] < z[start + $1] }!
            var target = choice.coordinates.contains(leader) ? leader : choice.coordinates[0]
            if target != leader { z.swapAt(start + target, start + leader) } else { target = leader }
            if margin > 0 {
                let others = candidates.filter { $0 != target }.map { z[start + $0] }.max() ?? -.infinity
                z[start + target] = max(z[start + target], others + margin)
            }
        }
        return z
    }
}

/// Reads the blocks of a latent in order.
private struct BlockReader {
    let z: [Float]
    let starts: [Int]
    let sizes: [Int]
    var block = 0

    mutating func argmax(excluding excluded: Int? = nil) -> Int {
        defer { block += 1 }
        let start = starts[block]
        var best = -1
        for i in 0..<sizes[block] where i != excluded {
            if best < 0 || z[start + i] > z[start + best] { best = i }
        }
        return best
    }

    mutating func pick<T: CaseIterable>(_ type: T.Type = T.self) -> T where T.AllCases: RandomAccessCollection {
        let cases = T.allCases
        return cases[cases.index(cases.startIndex, offsetBy: argmax())]
    }
}

import Foundation
import StyleCastArt
import StyleCastIO
import StyleGAN

/// The preset latents shipped with the default models: roles (a look: silhouette and palette)
/// for both models, and expressions and head turns for the face model. Each is written down as
/// attributes, encoded into z by `LatentAttributeCode` (on a fixed random z, each coded coordinate
/// at the centre of its case), and mapped to w by the model itself, so a preset means
/// the same character in the sprite and the face model.
public enum PresetLibrary {
    public struct Role: Sendable {
        public let name: String
        public let attributes: CharacterAttributes
    }

    public static let roles: [Role] = [
        role("heroine", .teen, .slim, .long, .dress, .ribbon, cape: false, glasses: false,
             .fair, .auburn, .green, .sky, .white),
        role("hero", .adult, .average, .spiky, .tunic, .headband, cape: true, glasses: false,
             .peach, .brown, .blue, .blue, .gold),
        role("villain", .adult, .slim, .long, .coat, .none, cape: true, glasses: false,
             .porcelain, .black, .red, .charcoal, .crimson),
        role("mage", .adult, .slim, .bob, .robe, .hat, cape: false, glasses: false,
             .fair, .purple, .violet, .purple, .gold),
        role("knight", .adult, .sturdy, .short, .armour, .none, cape: true, glasses: false,
             .tan, .darkBrown, .brown, .grey, .crimson),
        role("elder", .adult, .average, .bun, .robe, .none, cape: false, glasses: true,
             .olive, .silver, .grey, .forest, .cream),
        role("child", .child, .slim, .twinTails, .schoolUniform, .ribbon, cape: false, glasses: false,
             .peach, .orange, .sky, .green, .cream),
    ]

    /// Face presets for the expression rows, by preset name.
    public static let expressions: [(name: String, expression: StyleCastArt.Expression)] = [
        ("happy", .happy), ("worried", .worried), ("angry", .angry), ("sad", .sad),
        ("surprised", .surprised), ("eyes-closed", .eyesClosedSmile), ("determined", .determined),
    ]

    /// Face presets for the head-turn rows.
    public static let headTurns: [(name: String, turn: HeadTurn)] = [("look-left", .left), ("look-right", .right)]

    /// The z every preset is written on: NumPy RandomState(seed).randn(z_dim).
    public static let baseSeed: UInt32 = 20261125

    private static func role(_ name: String, _ age: BodyAge, _ build: BodyBuild, _ hair: HairStyle, _ outfit: Outfit,
                             _ headwear: Headwear, cape: Bool, glasses: Bool, _ skin: SkinTone, _ hairColour: HairColour,
                             _ eyes: EyeColour, _ main: ClothColour, _ trim: ClothColour) -> Role {
        Role(name: name, attributes: CharacterAttributes(
            shape: ShapeAttributes(age: age, build: build, hairStyle: hair, outfit: outfit,
                                   accessories: Accessories(headwear: headwear, cape: cape, glasses: glasses)),
            expression: ExpressionAttributes(expression: .neutral, headTurn: .front),
            colours: ColourAttributes(skin: skin, hair: hairColour, eyes: eyes, outfitMain: main, outfitTrim: trim)))
    }

    /// Writes every preset of the two models into `folder` (`sprite/NAME.npy`, `face/NAME.npy`,
    /// `index.json`); returns the entries.
    @discardableResult
    public static func write(sprite: String, face: String, to folder: String) throws -> [Preset] {
        var entries: [Preset] = []
        for (model, path) in [(CastModelRole.sprite, sprite), (.face, face)] {
            let modelName = model.rawValue, isFace = model == .face
            let file = try SafeTensorsFile(path: path)
            let generator = try Generator(file: file)
            guard let rows = try RowGroups.recorded(in: file, numWs: generator.spec.numWs) else {
                throw TrainingError(subject: path, reason: "has no \(RowGroups.metadataKey) metadata; presets need a model trained by `stylecast train`")
            }
            try FileManager.default.createDirectory(atPath: folder + "/" + modelName, withIntermediateDirectories: true)
            func write(_ name: String, kind: String, attributes: CharacterAttributes, rows: [Int], made: String) throws {
                let file = "\(modelName)/\(name).npy"
                try LatentFile.write(latent(attributes, generator: generator), to: folder + "/" + file)
                entries.append(Preset(name: name, kind: kind, model: model, file: folder + "/" + file, rows: rows, made: made))
            }
            let made = "w = mapping(z), z = RandomState(\(baseSeed)).randn(\(generator.spec.zDim)) with the attributes below set by "
                + "LatentAttributeCode"
            for role in roles {
                try write(role.name, kind: "role", attributes: role.attributes, rows: rows.shape,
                          made: "\(made): \(describe(role.attributes)); mix into the shape rows for the silhouette, the colour rows \(rows.colours) for its palette")
            }
            guard isFace else { continue }
            for (name, expression) in expressions {
                try write(name, kind: "expression", attributes: attributes(ofPreset: name, model: .face)!, rows: rows.expression ?? [],
                          made: "\(made): expression \(expression.rawValue) on the heroine; mix into the expression rows")
            }
            for (name, turn) in headTurns {
                try write(name, kind: "head-turn", attributes: attributes(ofPreset: name, model: .face)!, rows: rows.headTurn ?? [],
                          made: "\(made): head turned \(turn.rawValue) on the heroine; mix into the head-turn rows")
            }
        }
        try PresetIndex.write(entries, to: folder + "/index.json")
        return entries
    }

    /// The character the library's preset `name` for `model` stands for: a role's attributes,
    /// or the heroine with an expression or head turn; nil for a name the library does not write.
    public static func attributes(ofPreset name: String, model: CastModelRole) -> CharacterAttributes? {
        if let role = roles.first(where: { $0.name == name }) { return role.attributes }
        guard model == .face else { return nil }
        var attributes = roles[0].attributes
        if let expression = expressions.first(where: { $0.name == name }) {
            attributes.expression.expression = expression.expression
        } else if let turn = headTurns.first(where: { $0.name == name }) {
            attributes.expression.headTurn = turn.turn
        } else {
            return nil
        }
        return attributes
    }

    /// The w the library writes for `attributes`: w = mapping(z), z the base z with the
    /// attributes set by `LatentAttributeCode`, untruncated.
    public static func latent(_ attributes: CharacterAttributes, generator: Generator) throws -> Latent {
        var random = NumpyRandom(seed: baseSeed)
        let base = random.standardNormal(count: generator.spec.zDim).map { Float($0) }
        let z = LatentAttributeCode.latent(setting: attributes, on: base)
        return try generator.mapping(z: z.map { Double($0) }, c: [])
    }

    /// The attributes in words, as the presets index writes them.
    public static func describe(_ a: CharacterAttributes) -> String {
        let s = a.shape, c = a.colours
        return "\(s.age.rawValue), \(s.build.rawValue), \(s.hairStyle.rawValue) hair, \(s.outfit.rawValue), headwear \(s.accessories.headwear.rawValue)"
            + (s.accessories.cape ? ", cape" : "") + (s.accessories.glasses ? ", glasses" : "")
            + "; skin \(c.skin.rawValue), hair \(c.hair.rawValue), eyes \(c.eyes.rawValue), \(c.outfitMain.rawValue) with \(c.outfitTrim.rawValue) trim"
    }
}

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
    /// `index.json`); returns the entries. With `tuning`, the face model's expression and
    /// head-turn presets and the sprite model's roles have their rows (`tunedRows`) fitted to
    /// many characters (`PresetTuning`); `report` gets a line as each is tuned and its figures.
    @discardableResult
    public static func write(sprite: String, face: String, to folder: String, tuning: PresetTuning? = nil,
                             report: (String) -> Void = { _ in }) throws -> [Preset] {
        // Everything is made before anything is written: a failed or stopped run (tuning takes
        // minutes) leaves the folder as it was.
        var entries: [Preset] = []
        var latents: [(path: String, latent: Latent)] = []
        for (model, path) in [(CastModelRole.sprite, sprite), (.face, face)] {
            let modelName = model.rawValue, isFace = model == .face
            let file = try SafeTensorsFile(path: path)
            let generator = try Generator(file: file)
            guard let rows = try RowGroups.recorded(in: file, numWs: generator.spec.numWs) else {
                throw TrainingError(subject: path, reason: "has no \(RowGroups.metadataKey) metadata; presets need a model trained by `stylecast train`")
            }
            func make(_ name: String, kind: String, attributes: CharacterAttributes, rows: [Int], made: String,
                      tunedTo goal: PresetTuning.Goal? = nil) throws {
                let file = "\(modelName)/\(name).npy"
                var preset = try latent(attributes, generator: generator), made = made
                if let goal, let tuning, tuning.steps > 0 {
                    report("\(modelName)/\(name): tuning rows \(rows) (\(tuning.steps) steps)")
                    let outcome = try tuning.tune(preset, rows: rows, goal: goal, generator: generator,
                                                  target: isFace ? .facePortrait : .walkSheet)
                    // Tuned rows are kept only where they do better on the held-out characters:
                    // show the goal on more of them, or on as many and nearer the drawings.
                    let kept = (outcome.heldOutShownAfter, outcome.heldOutPSNRAfter) > (outcome.heldOutShownBefore, outcome.heldOutPSNRBefore)
                    if kept { preset = outcome.latent }
                    let figures = "shown on \(percent(outcome.heldOutShownBefore)) -> \(percent(outcome.heldOutShownAfter)) of "
                        + "\(PresetTuning.heldOutCount) held-out characters, PSNR against their drawings "
                        + String(format: "%.2f -> %.2f dB", outcome.heldOutPSNRBefore, outcome.heldOutPSNRAfter)
                    let tuned = "PresetTuning: \(tuning.steps) Adam steps of \(tuning.batchSize) characters, learning rate "
                        + "\(tuning.learningRate), emphasis \(tuning.emphasis), seed \(tuning.seed); \(figures)"
                    made += kept ? "; rows \(rows) then fitted to many characters (\(tuned))"
                        : "; left as mapped: fitting rows \(rows) to many characters did no better on held-out ones (\(tuned))"
                    report("\(modelName)/\(name): \(figures)" + (kept ? "" : "; not kept"))
                }
                latents.append((folder + "/" + file, preset))
                entries.append(Preset(name: name, kind: kind, model: model, file: folder + "/" + file, rows: rows, made: made))
            }
            let made = "w = mapping(z), z = RandomState(\(baseSeed)).randn(\(generator.spec.zDim)) with the attributes below set by "
                + "LatentAttributeCode"
            for role in roles {
                let others = roles.filter { $0.name != role.name && $0.attributes.shape != role.attributes.shape }.map(\.attributes.shape)
                try make(role.name, kind: "role", attributes: role.attributes, rows: rows.shape,
                         made: "\(made): \(describe(role.attributes)); mix into the shape rows for the silhouette, the colour rows \(rows.colours) for its palette",
                         tunedTo: tunedRows(ofPreset: role.name, model: model, rows: rows).isEmpty
                            ? nil : .shape(role.attributes.shape, rivals: others))
            }
            guard isFace else { continue }
            for (name, expression) in expressions {
                try make(name, kind: "expression", attributes: attributes(ofPreset: name, model: .face)!,
                          rows: tunedRows(ofPreset: name, model: .face, rows: rows),
                          made: "\(made): expression \(expression.rawValue) on the heroine; mix into the expression rows",
                          tunedTo: .expression(expression))
            }
            for (name, turn) in headTurns {
                try make(name, kind: "head-turn", attributes: attributes(ofPreset: name, model: .face)!,
                          rows: tunedRows(ofPreset: name, model: .face, rows: rows),
                          made: "\(made): head turned \(turn.rawValue) on the heroine; mix into the head-turn rows",
                          tunedTo: .headTurn(turn))
            }
        }
        for model in [CastModelRole.sprite, .face] {
            try FileManager.default.createDirectory(atPath: folder + "/" + model.rawValue, withIntermediateDirectories: true)
        }
        for (path, latent) in latents { try LatentFile.write(latent, to: path) }
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

    /// The rows `PresetTuning` fits for the preset `name` (`presets --tune-steps`): a face
    /// expression's expression rows, a head turn's head-turn rows, a sprite role's shape rows;
    /// none for a face role. Elsewhere a tuned preset is the library's latent.
    public static func tunedRows(ofPreset name: String, model: CastModelRole, rows: RowGroups) -> [Int] {
        if model == .sprite { return roles.contains(where: { $0.name == name }) ? rows.shape : [] }
        if expressions.contains(where: { $0.name == name }) { return rows.expression ?? [] }
        if headTurns.contains(where: { $0.name == name }) { return rows.headTurn ?? [] }
        return []
    }

    /// The w the library writes for `attributes`: w = mapping(z), z the base z with the
    /// attributes set by `LatentAttributeCode`, untruncated.
    public static func latent(_ attributes: CharacterAttributes, generator: Generator) throws -> Latent {
        var random = NumpyRandom(seed: baseSeed)
        let base = random.standardNormal(count: generator.spec.zDim).map { Float($0) }
        let z = LatentAttributeCode.latent(setting: attributes, on: base)
        return try generator.mapping(z: z.map { Double($0) }, c: [])
    }

    private static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    /// The attributes in words, as the presets index writes them.
    public static func describe(_ a: CharacterAttributes) -> String {
        let s = a.shape, c = a.colours
        return "\(s.age.rawValue), \(s.build.rawValue), \(s.hairStyle.rawValue) hair, \(s.outfit.rawValue), headwear \(s.accessories.headwear.rawValue)"
            + (s.accessories.cape ? ", cape" : "") + (s.accessories.glasses ? ", glasses" : "")
            + "; skin \(c.skin.rawValue), hair \(c.hair.rawValue), eyes \(c.eyes.rawValue), \(c.outfitMain.rawValue) with \(c.outfitTrim.rawValue) trim"
    }
}

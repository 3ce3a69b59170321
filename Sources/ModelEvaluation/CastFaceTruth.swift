import CastManifest
import CastPipeline
import StyleCastArt
import StyleGAN
import Training

/// What a cast character's faces should show: the character (neutral) and each face slot.
public struct CastFaceTruth: Sendable, Equatable {
    /// The character with the neutral expression: what every face step should come closer to.
    public var character: CharacterAttributes
    /// One per face slot, `faceIndex` order: the character with the slot's expression.
    public var slots: [CharacterAttributes]
}

/// Works out a cast character's attributes from its manifest entry, when every mix that counts
/// comes from a source whose character is known (a seed, or a preset `PresetLibrary` wrote):
/// - the character starts as its seed's (`LatentAttributeCode` on the seed's z) with the neutral
///   expression (a face set's `neutral` slot means that);
/// - each sprite mix, then each face mix, in manifest order, takes from its source's character
///   the attribute groups whose rows it covers (by that model's row groups: a sprite mix of the
///   shape rows 0-5 takes the shape) when its weight is at least `takingWeight` (`replace` is 1);
///   a lighter mix leaves the character as it was, whatever its source;
/// - each face slot takes its face preset's groups the same way (an expression preset on the
///   expression rows takes its expression).
/// A mix that counts but comes from a latent file, an image or a preset of unknown character,
/// or whose rows cover part of a group, leaves the character unknown: it is not judged.
public struct CastFaceRules: Sendable {
    /// A mix at least this heavy takes its source's groups.
    public static let takingWeight = 0.5

    public let spriteRows: RowGroups
    public let faceRows: RowGroups
    /// The models' z size (seeds' characters depend on it).
    public let zDim: Int
    /// The character of each preset whose character is known, by model and name.
    public let presets: [CastModelRole: [String: CharacterAttributes]]

    public init(spriteRows: RowGroups, faceRows: RowGroups, zDim: Int, presets: [CastModelRole: [String: CharacterAttributes]]) {
        self.spriteRows = spriteRows
        self.faceRows = faceRows
        self.zDim = zDim
        self.presets = presets
    }

    /// The rules for a cast's models: both must read one latent code (`CastModels.shareLatentCode`).
    public init(models: CastModels) throws {
        guard models.shareLatentCode, let spriteRows = models.spriteRowGroups, let faceRows = models.faceRowGroups else {
            throw EvaluationError(subject: "\(models.spritePath), \(models.facePath)", reason: "the two models do not read one latent code "
                                  + "(both need stylecast_rows metadata and the same z_dim of at least \(LatentAttributeCode.dimensions)), "
                                  + "so a character's attributes cannot be known")
        }
        self.init(spriteRows: spriteRows, faceRows: faceRows, zDim: models.face.spec.zDim,
                  presets: PresetCharacters.known(latents: models.presetLatents, sprite: (models.sprite, spriteRows),
                                                  face: (models.face, faceRows)))
    }

    /// The truth of a character whose slots mix into `slotRows` (nil for a neutral slot);
    /// throws `EvaluationError` saying why it cannot be known.
    public func truth(of spec: CharacterSpec, slotRows: [[Int]?]) throws -> CastFaceTruth {
        var character = SeedCharacter.attributes(seed: spec.seed, zDim: zDim)
        character.expression.expression = .neutral
        for (index, mix) in spec.spriteMixes.enumerated() {
            try take(mix.source, groups: spriteRows.wholeGroups(in: mix.rows.rows), role: .sprite, weight: mix.mode.weight,
                     into: &character, what: "sprite mix \(index + 1)", name: spec.name)
        }
        for (index, mix) in spec.faceMixes.enumerated() {
            try take(mix.source, groups: faceRows.wholeGroups(in: mix.rows.rows), role: .face, weight: mix.mode.weight,
                     into: &character, what: "face mix \(index + 1)", name: spec.name)
        }
        let slots = try zip(spec.faceSlots, slotRows).enumerated().map { index, pair in
            var slot = character
            let (faceSlot, rows) = pair
            if let rows {
                try take(.preset(faceSlot.expression), groups: faceRows.wholeGroups(in: rows), role: .face, weight: faceSlot.mode.weight,
                         into: &slot, what: "face slot \(index) (\(faceSlot.expression))", name: spec.name)
            }
            return slot
        }
        return CastFaceTruth(character: character, slots: slots)
    }

    private func take(_ source: LatentSource, groups: [String]?, role: CastModelRole, weight: Float,
                      into character: inout CharacterAttributes, what: String, name: String) throws {
        guard Double(weight) >= Self.takingWeight else { return }
        func unknown(_ reason: String) -> EvaluationError { EvaluationError(subject: name, reason: "\(what) \(reason)") }
        guard let groups else { throw unknown("covers part of a row group of the \(role.rawValue) model") }
        let donor: CharacterAttributes
        switch source {
        case let .seed(seed):
            donor = SeedCharacter.attributes(seed: seed, zDim: zDim)
        case let .preset(preset):
            guard let known = presets[role]?[preset] else {
                throw unknown("takes the \(role.rawValue) preset '\(preset)', whose character is not known (not the latent `stylecast presets` writes for that name)")
            }
            donor = known
        case .latent:
            throw unknown("takes a latent file, whose character is not known")
        case .image:
            throw unknown("takes an image, whose character is not known")
        }
        for name in groups {
            guard let group = AttributeGroup(rawValue: name) else { continue }
            character = group.transplant(from: donor, into: character)
        }
    }
}

/// The characters of presets, known where a preset's latent is the one `PresetLibrary` writes
/// for its name with these models (`stylecast presets`; the shipped presets are), except in the
/// rows tuning fits (`PresetLibrary.tunedRows`): recomputing it costs one mapping per preset. A
/// preset edited or made otherwise has no known character.
public enum PresetCharacters {
    /// Largest difference of one value from the library's latent still taken as the same.
    static let tolerance: Float = 1e-3

    public static func known(latents: [CastModelRole: [String: Latent]], sprite: (Generator, RowGroups),
                             face: (Generator, RowGroups)) -> [CastModelRole: [String: CharacterAttributes]] {
        var known: [CastModelRole: [String: CharacterAttributes]] = [:]
        for (role, (generator, rows)) in [(CastModelRole.sprite, sprite), (.face, face)] {
            for (name, latent) in latents[role] ?? [:] {
                let tuned = Set(PresetLibrary.tunedRows(ofPreset: name, model: role, rows: rows))
                guard let attributes = PresetLibrary.attributes(ofPreset: name, model: role),
                      generator.spec.zDim >= LatentAttributeCode.dimensions,
                      let written = try? PresetLibrary.latent(attributes, generator: generator),
                      written.numWs == latent.numWs, written.wDim == latent.wDim,
                      (0..<latent.numWs).allSatisfy({ row in
                          tuned.contains(row) || zip(written.row(row), latent.row(row)).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($0)) }
                      })
                else { continue }
                known[role, default: [:]][name] = attributes
            }
        }
        return known
    }
}

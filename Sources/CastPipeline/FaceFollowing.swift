import CastManifest
import StyleGAN

/// How a character's face follows its sprite mixes.
///
/// When both models read one latent code (`CastModels.shareLatentCode`), a sprite mix from a
/// preset or a seed has a face equivalent: the same source in the face model (the face preset of
/// that name, or the seed's face latent, truncated alike) mixed with the same mode into the face
/// model's rows of the attribute groups the sprite mix covers, by each model's row groups (the
/// shipped sprite's shape rows 0-5 are the shipped face's shape rows 0, 2, 3, 4; its colour rows
/// 6-9 the face's 7-9). The face then shows what the mix changed exactly, where projecting the
/// small, blurry head crop could only guess it.
///
/// A sprite mix from an image or a latent file, from a preset the face model lacks, or whose rows
/// cover part of a group, has no equivalent: the head crop is projected into the face model for
/// it (starting from the face with every equivalent applied). So is every character when the
/// models do not share the code, as the seed's face then need not be the sprite's character.
struct FaceFollowing: Equatable {
    /// The face equivalents of the sprite mixes that have one, in order.
    var equivalents: [LatentMix]
    /// The sprite mixes (0-based) that have none.
    var unmatched: [Int]
    /// Whether the head crop must be projected into the face model.
    var needsProjection: Bool
    /// The equivalents of the sprite mixes after the last one without: applied again after a
    /// projection, so the rows they set are exact (earlier ones may be overridden by what the
    /// projection follows, as in the sprite).
    var afterProjection: [LatentMix]

    init(spriteMixes: [LatentMix], spriteRows: RowGroups?, faceRows: RowGroups?, sharedCode: Bool, facePresets: Set<String>) {
        var equivalents: [LatentMix] = [], unmatched: [Int] = [], after: [LatentMix] = []
        for (index, mix) in spriteMixes.enumerated() {
            guard sharedCode, let equivalent = Self.equivalent(of: mix, spriteRows: spriteRows, faceRows: faceRows, facePresets: facePresets) else {
                unmatched.append(index)
                after = []
                continue
            }
            equivalents.append(equivalent)
            after.append(equivalent)
        }
        self.equivalents = equivalents
        self.unmatched = unmatched
        needsProjection = !sharedCode || !unmatched.isEmpty
        afterProjection = after
    }

    init(spriteMixes: [LatentMix], models: CastModels) {
        self.init(spriteMixes: spriteMixes, spriteRows: models.spriteRowGroups, faceRows: models.faceRowGroups,
                  sharedCode: models.shareLatentCode, facePresets: Set((models.presetLatents[.face] ?? [:]).keys))
    }

    /// The face mix that does to the face what `mix` does to the sprite, if there is one.
    static func equivalent(of mix: LatentMix, spriteRows: RowGroups?, faceRows: RowGroups?, facePresets: Set<String>) -> LatentMix? {
        guard let spriteRows, let faceRows, let groups = spriteRows.wholeGroups(in: mix.rows.rows) else { return nil }
        switch mix.source {
        case let .preset(name): guard facePresets.contains(name) else { return nil }
        case .seed: break
        case .latent, .image: return nil
        }
        let rows = faceRows.rows(ofGroups: groups)
        guard !rows.isEmpty else { return nil }
        return LatentMix(source: mix.source, rows: RowList(rows, position: mix.rows.position), mode: mix.mode,
                         sourcePosition: mix.sourcePosition)
    }
}

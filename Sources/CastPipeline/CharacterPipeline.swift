import CastImaging
import CastManifest
import CastPreview
import StyleCastArt
import StyleCastIO
import StyleCastProject
import StyleGAN

/// The pictures a character goes through, in pipeline order, kept for the preview.
public enum CharacterStage: Int, CaseIterable, Sendable {
    case rawSprite, mixedSprite, cleanedSprite, headCrop, followingFace, finalFaces

    public var title: String {
        switch self {
        case .rawSprite: "raw sprite (seed)"
        case .mixedSprite: "sprite after mixes"
        case .cleanedSprite: "cleaned for the game"
        case .headCrop: "head crop"
        case .followingFace: "face following the sprite"
        case .finalFaces: "final faces"
        }
    }

    /// The stage's file name in the stage store.
    var fileName: String { String(format: "%02d.png", rawValue) }
}

/// When a character's head crop is projected into the face model.
public enum FaceProjection: String, Sendable {
    /// Only where a sprite mix has no face equivalent (`FaceFollowing`): the cast's rule.
    case whereNeeded = "where-needed"
    /// For every character, to measure what projection does to a face (`stylecast evaluate-cast`).
    case always
}

/// One character's finished art and the pictures of every stage.
public struct CharacterArtwork: Sendable {
    public var art: CharacterArt
    /// One image per `CharacterStage`, in order.
    public var stages: [RGBAImage]
    /// The face model's latent at each step on the way to the face set, in order (empty for art
    /// read back from a project): what `stylecast evaluate-cast` draws to measure every step.
    public var faceStages: [FaceStage] = []
}

/// One face latent on the way to a character's face set.
public struct FaceStage: Sendable {
    public var title: String
    public var latent: Latent

    /// The steps every character records, in order.
    public static let seed = "seed's face"
    public static let neutral = "neutral expression"
    public static let followed = "sprite mixes' face equivalents"
    /// After the projection from the head crop, or the same latent where none was needed.
    public static let projected = "after projection"
    public static let faceMixed = "after the face mixes"
}

/// Makes one character: z from the seed -> sprite ws (truncated) -> sprite mixes -> walk sheet
/// -> clean-up -> head crop; the seed's face ws (truncated) with the neutral expression -> the
/// sprite mixes' face equivalents -> projection of the head crop into the face model, only for
/// sprite mixes without one -> face mixes -> the 8 face slots -> faces. Everything is seeded, so the same inputs give the same pixels.
struct CharacterPipeline: Sendable {
    let models: CastModels
    let spriteProjector: ModelProjector?
    let faceProjector: ModelProjector
    let clock: StageClock
    let events: @Sendable (CastEvent) -> Void
    let cancellation: CancellationFlag
    var faceProjection: FaceProjection = .whereNeeded

    func run(_ spec: CharacterSpec) throws -> CharacterArtwork {
        let name = spec.name
        let psi = Truncation(psi: Float(spec.truncation))
        func stage<T>(_ title: String, _ body: () throws -> T) throws -> T {
            try cancellation.check()
            events(.stage(name: name, stage: title))
            return try clock.time(title, body)
        }

        let sprite = models.sprite
        let ownSprite = try stage("sprite latents") { try sprite.ws(seed: spec.seed, truncation: psi) }
        let rawSprite = try stage("sprite synthesis") { try image(sprite, ownSprite) }
        let mixedLatent = try mix(spec.spriteMixes, into: ownSprite, role: .sprite, spec: spec, psi: psi)
        let mixedSprite = spec.spriteMixes.isEmpty ? rawSprite : try stage("sprite synthesis") { try image(sprite, mixedLatent) }
        let cleaned = try stage("sprite cleanup") { SpriteCleanup.clean(mixedSprite) }
        let head = try stage("head crop") {
            do {
                return try HeadCrop.crop(sheet: cleaned, size: models.face.synthesis.imageWidth)
            } catch {
                throw CastError(subject: name, reason: "the head could not be cut from the cleaned walk sheet (\(error)); try another seed or other sprite mixes")
            }
        }

        // The face. Both default models read one latent code (trained on the same renderer's
        // characters), so the face model's latent of the character's own seed is already the
        // sprite's character: the face starts there, with the neutral expression, and takes the
        // sprite mixes' face equivalents (`FaceFollowing`). Only sprite mixes without one (an
        // image, a latent file) are left to projecting the head crop, which starts from that face.
        let face = models.face
        let seedFace = try stage("face latents") { try face.ws(seed: spec.seed, truncation: psi) }
        let ownFace = try stage("face latents") { try neutralFace(seedFace, seed: spec.seed) }
        let following = FaceFollowing(spriteMixes: spec.spriteMixes, models: models)
        let followed = try mix(following.equivalents, into: ownFace, role: .face, spec: spec, psi: psi)
        var base = followed
        if following.needsProjection || faceProjection == .always {
            try cancellation.check()
            events(.stage(name: name, stage: "face projection"))
            let projected = try clock.time("face projection") {
                try faceProjector.project(head, name: "\(name)'s head crop", steps: spec.projectionSteps, seed: spec.seed,
                                          start: followed) { step in
                    try cancellation.check()
                    events(.projectionStep(name: name, what: "face", step: step, steps: spec.projectionSteps))
                }
            }
            base = try mix(following.afterProjection, into: projected, role: .face, spec: spec, psi: psi)
        }
        let baseFace = try stage("face synthesis") { try image(face, base) }
        let faceLatent = try mix(spec.faceMixes, into: base, role: .face, spec: spec, psi: psi)
        let faceStages = [FaceStage(title: FaceStage.seed, latent: seedFace), FaceStage(title: FaceStage.neutral, latent: ownFace),
                          FaceStage(title: FaceStage.followed, latent: followed), FaceStage(title: FaceStage.projected, latent: base),
                          FaceStage(title: FaceStage.faceMixed, latent: faceLatent)]

        let faces = try stage("face synthesis") {
            var drawn: [[Float]: RGBAImage] = [:]
            return try spec.faceSlots.map { slot -> RGBAImage in
                let latent = try slotLatent(slot, base: faceLatent)
                if let image = drawn[latent.values] { return image }
                // A slot without mixes is the base face, already drawn for its stage picture.
                let raw = latent.values == base.values ? baseFace : try image(face, latent)
                // Portraits fade out over several pixels; the window shows that as a halo.
                let image = PortraitCleanup.clean(raw)
                drawn[latent.values] = image
                return image
            }
        }
        let art = try CharacterArt(walkSheet: cleaned, faces: faces, source: name)
        return CharacterArtwork(art: art, stages: [rawSprite, mixedSprite, cleaned, head, baseFace, FaceSetLayout.standard.faceSet(faces)],
                                faceStages: faceStages)
    }

    /// The character's own face with the neutral expression: where the face model reads the
    /// latent code (`CastModels.shareLatentCode`), the seed's face with its expression rows
    /// taken from the face model's latent of the seed's z with only the expression coded as
    /// neutral (`LatentAttributeCode.latent(setting:on:)`), untruncated as the expression
    /// presets are, so that every face slot's expression starts from neutral whatever the seed's
    /// own; else the seed's face as it is.
    private func neutralFace(_ seedFace: Latent, seed: UInt32) throws -> Latent {
        let face = models.face
        guard models.shareLatentCode, let rows = models.faceRowGroups?.expression, !rows.isEmpty else { return seedFace }
        let z = LatentAttributeCode.latent(setting: .neutral, on: latentZ(seed: seed, zDim: face.spec.zDim).map { Float($0) })
        let neutral = try face.mapping(z: z.map { Double($0) }, c: face.classVector(nil))
        return try seedFace.mixing(rows: rows, from: neutral)
    }

    /// The face latent of one slot: the character's face with the expression mixed into its rows.
    private func slotLatent(_ slot: FaceSlot, base: Latent) throws -> Latent {
        guard slot.expression != FaceSlot.neutral, let rows = models.rows(of: slot) else { return base }
        guard let expression = models.presetLatents[.face]?[slot.expression] else {
            throw CastError(subject: slot.expression, reason: "is not a face preset (checked before the run; the presets index changed while it ran?)")
        }
        return try base.mixing(rows: rows, from: expression, weight: slot.mode.weight)
    }

    /// `latent` with each mix applied in order.
    private func mix(_ mixes: [LatentMix], into latent: Latent, role: CastModelRole, spec: CharacterSpec, psi: Truncation) throws -> Latent {
        var mixed = latent
        for (index, mix) in mixes.enumerated() {
            let source = try sourceLatent(mix.source, role: role, spec: spec, psi: psi, index: index)
            mixed = try clock.time("\(role.rawValue) mixes") {
                try mixed.mixing(rows: mix.rows.rows, from: source, weight: mix.mode.weight)
            }
        }
        return mixed
    }

    private func sourceLatent(_ source: LatentSource, role: CastModelRole, spec: CharacterSpec, psi: Truncation, index: Int) throws -> Latent {
        let generator = models.generator(role)
        switch source {
        case let .preset(name):
            guard let latent = models.presetLatents[role]?[name] else {
                throw CastError(subject: name, reason: "is not a \(role.rawValue) preset")
            }
            return latent
        case let .seed(seed):
            // Truncated like the character's own latent, as official style mixing does.
            return try clock.time("\(role.rawValue) latents") { try generator.ws(seed: seed, truncation: psi) }
        case let .latent(path):
            return try LatentFile.read(path: path, numWs: generator.spec.numWs, wDim: generator.spec.wDim)
        case let .image(path):
            let projector = role == .sprite ? spriteProjector : faceProjector
            guard let projector else { throw CastError(subject: path, reason: "no projector was prepared for the \(role.rawValue) model") }
            let picture = try PNG.read(path: path)
            let what = "\(role.rawValue) mix \(index + 1) image"
            try cancellation.check()
            events(.stage(name: spec.name, stage: "\(role.rawValue) image projection"))
            return try clock.time("\(role.rawValue) image projection") {
                try projector.project(picture, name: path, steps: spec.projectionSteps, seed: spec.seed) { step in
                    try cancellation.check()
                    events(.projectionStep(name: spec.name, what: what, step: step, steps: spec.projectionSteps))
                }
            }
        }
    }

    private func image(_ generator: Generator, _ latent: Latent) throws -> RGBAImage {
        try ImageConversion.rgba8(generator.synthesize(latent, noiseMode: .const))
    }
}

extension MixMode {
    /// How far the mixed-in latent's rows are taken (1 for replace).
    public var weight: Float {
        switch self {
        case .replace: 1
        case let .weight(weight): Float(weight)
        }
    }
}

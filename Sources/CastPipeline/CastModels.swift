import CastManifest
import Foundation
import Projection
import RPGMakerFormat
import StyleCastArt
import StyleCastIO
import StyleCastProject
import StyleGAN

/// The two generators and the presets a cast is made with, checked for the shapes the pipeline
/// needs, with the SHA-256 of each file (a character's output depends on them).
public struct CastModels: Sendable {
    /// A walk sheet at the standard sizes (`RPGMakerLayout`), in RGBA.
    public static let spriteSize = (width: RPGMakerLayout.walkSheetWidth, height: RPGMakerLayout.walkSheetHeight)

    public let sprite: Generator
    public let face: Generator
    public let presets: PresetIndex
    /// The latent of every preset, by model and name, read once.
    public let presetLatents: [CastModelRole: [String: Latent]]
    /// Path -> SHA-256 hex of the model files, the presets index and every preset file.
    public let fileHashes: [String: String]
    public let spritePath: String
    public let facePath: String
    /// The face model's expression rows from its `stylecast_rows` metadata (models trained by
    /// `stylecast train` record which rows carry which attributes); nil when it has none.
    public let faceExpressionRows: [Int]?
    /// Which w rows carry which attributes in each model (`stylecast_rows`); nil for a model
    /// that does not record them.
    public let spriteRowGroups: RowGroups?
    public let faceRowGroups: RowGroups?
    /// Whether both models read one latent code (`LatentAttributeCode`): both record their row
    /// groups (models trained by `stylecast train` on the renderer's characters) and take z of
    /// the same size, large enough for the code. Then a seed, a preset name and a row group mean
    /// the same character, or the same part of it, in both, and the face can take the sprite's
    /// mixes directly (`FaceFollowing`).
    public var shareLatentCode: Bool {
        spriteRowGroups != nil && faceRowGroups != nil && sprite.spec.zDim == face.spec.zDim
            && face.spec.zDim >= LatentAttributeCode.dimensions
    }

    /// Loads the models a manifest names (shipped ones through `shipped`).
    public static func load(for manifest: Manifest, shipped: ShippedModels) throws -> CastModels {
        let models = manifest.defaults.models
        let paths = (sprite: shipped.path(of: models.sprite), face: shipped.path(of: models.face),
                     presets: shipped.path(of: models.presets))
        for (path, location, what) in [(paths.sprite, models.sprite, "sprite model"), (paths.face, models.face, "face model"),
                                       (paths.presets, models.presets, "presets index")]
        where !FileManager.default.fileExists(atPath: path) {
            throw CastError(subject: path, reason: "\(what) is missing; \(shipped.missingAdvice(for: location))")
        }
        return try CastModels(spritePath: paths.sprite, facePath: paths.face, presetsPath: paths.presets)
    }

    public init(spritePath: String, facePath: String, presetsPath: String) throws {
        let spriteBytes = try FileReadError.contents(of: spritePath)
        let faceBytes = try FileReadError.contents(of: facePath)
        let spriteFile = try SafeTensorsFile(bytes: spriteBytes, path: spritePath)
        sprite = try Generator(file: spriteFile)
        let faceFile = try SafeTensorsFile(bytes: faceBytes, path: facePath)
        face = try Generator(file: faceFile)
        spriteRowGroups = try RowGroups.recorded(in: spriteFile, numWs: sprite.spec.numWs)
        faceRowGroups = try RowGroups.recorded(in: faceFile, numWs: face.spec.numWs)
        faceExpressionRows = try Self.expressionRows(faceRowGroups, path: facePath)
        try Self.checkSprite(sprite.synthesis, path: spritePath)
        try Self.checkFace(face.synthesis, path: facePath)
        presets = try PresetIndex(contentsOfFile: presetsPath)
        var hashes = [spritePath: SHA256.hexDigest(spriteBytes), facePath: SHA256.hexDigest(faceBytes),
                      presetsPath: SHA256.hexDigest(try FileReadError.contents(of: presetsPath))]
        var latents: [CastModelRole: [String: Latent]] = [.sprite: [:], .face: [:]]
        for preset in presets.presets {
            let generator = preset.model == .sprite ? sprite : face
            do {
                latents[preset.model]![preset.name] = try LatentFile.read(path: preset.file, numWs: generator.spec.numWs, wDim: generator.spec.wDim)
            } catch {
                throw CastError(subject: presetsPath, reason: "preset '\(preset.name)' (\(preset.model.rawValue)): \(error)")
            }
            hashes[preset.file] = SHA256.hexDigest(try FileReadError.contents(of: preset.file))
        }
        presetLatents = latents
        fileHashes = hashes
        self.spritePath = spritePath
        self.facePath = facePath
    }

    public func generator(_ role: CastModelRole) -> Generator { role == .sprite ? sprite : face }

    /// The rows a face slot mixes its expression into: the ones it names, else the face model's
    /// expression rows, else `FaceSlot.expressionRows`. Nil for a neutral face.
    public func rows(of slot: FaceSlot) -> [Int]? {
        Self.rows(of: slot, expressionRows: faceExpressionRows)
    }

    static func rows(of slot: FaceSlot, expressionRows: [Int]?) -> [Int]? {
        guard let rows = slot.rows else { return nil }
        return slot.rowsGiven ? rows.rows : expressionRows ?? rows.rows
    }

    /// The expression rows the model file at `path` records (nil when it records none), read
    /// without building the network.
    public static func expressionRows(ofModelAt path: String) throws -> [Int]? {
        let file = try SafeTensorsFile(path: path)
        return try expressionRows(file, numWs: GeneratorSpec(file: file).numWs)
    }

    /// The expression rows a model file's row groups name, checked against its rows.
    static func expressionRows(_ file: SafeTensorsFile, numWs: Int) throws -> [Int]? {
        try expressionRows(RowGroups.recorded(in: file, numWs: numWs), path: file.path)
    }

    /// The expression rows of a model file's row groups (checked against its rows when read).
    static func expressionRows(_ groups: RowGroups?, path: String) throws -> [Int]? {
        guard let rows = groups?.expression else { return nil }
        guard !rows.isEmpty else {
            throw CastError(subject: path, reason: "__metadata__.\(RowGroups.metadataKey).expression is empty; list the expression rows or leave it out")
        }
        return rows
    }

    /// What the manifest is checked against.
    public var limits: (sprite: ModelLimits, face: ModelLimits) {
        (ModelLimits(numWs: sprite.spec.numWs, wDim: sprite.spec.wDim), ModelLimits(numWs: face.spec.numWs, wDim: face.spec.wDim))
    }

    static func checkSprite(_ synthesis: any SynthesisNetwork, path: String) throws {
        let size = (synthesis.imageWidth, synthesis.imageHeight)
        guard synthesis.imageChannels == 4, size == spriteSize else {
            throw CastError(subject: path, reason: "a sprite model must draw RGBA walk sheets of \(spriteSize.width)x\(spriteSize.height) (\(RPGMakerLayout.walkPatterns) patterns x \(RPGMakerLayout.walkDirections.count) directions of \(RPGMakerLayout.frameSize)x\(RPGMakerLayout.frameSize)), but this one draws \(synthesis.imageChannels)-channel \(synthesis.imageWidth)x\(synthesis.imageHeight) images; use models/sprite.safetensors or a model trained on walk sheets")
        }
    }

    static func checkFace(_ synthesis: any SynthesisNetwork, path: String) throws {
        guard synthesis.imageChannels == 4, synthesis.imageWidth == synthesis.imageHeight else {
            throw CastError(subject: path, reason: "a face model must draw square RGBA portraits, but this one draws \(synthesis.imageChannels)-channel \(synthesis.imageWidth)x\(synthesis.imageHeight) images; use models/face.safetensors or a model trained on portraits")
        }
        // The pipeline works at the standard face size (MV's, and MZ's default); the exporter
        // scales to a project's own face size from there.
        let faceSize = RPGMakerLayout.faceSize
        guard synthesis.imageWidth == faceSize else {
            throw CastError(subject: path, reason: "a face model must draw \(faceSize)x\(faceSize) portraits (RPG Maker's standard face size), but this one draws \(synthesis.imageWidth)x\(synthesis.imageHeight)")
        }
    }
}

import Foundation
import StyleCastArt
import StyleCastIO
import StyleGAN
import Training

/// A trained StyleCast model as an evaluation source. Its metadata says what it draws
/// (`stylecast_target`) and which w rows carry which attributes (`stylecast_rows`); it must
/// draw RGBA at exactly the target's size.
public struct GeneratorSource: EvaluationSource {
    public let generator: Generator
    public let target: TrainingTarget
    public let rows: ModelRows
    public let name: String

    public init(file: SafeTensorsFile) throws {
        name = file.path
        guard let targetName = file.metadata["stylecast_target"] else {
            throw EvaluationError(subject: file.path, reason: "__metadata__ has no 'stylecast_target' (\(TrainingTarget.allCases.map(\.rawValue).joined(separator: " or "))): is this a model trained by `stylecast train`?")
        }
        guard let target = TrainingTarget(rawValue: targetName) else {
            throw EvaluationError(subject: file.path, reason: "__metadata__.stylecast_target is '\(targetName)'; expected \(TrainingTarget.allCases.map(\.rawValue).joined(separator: " or "))")
        }
        generator = try Generator(file: file)
        guard let groups = try RowGroups.recorded(in: file, numWs: generator.spec.numWs) else {
            throw EvaluationError(subject: file.path, reason: "__metadata__ has no '\(RowGroups.metadataKey)' (which w rows carry shape, expression and colours)")
        }
        self.target = target
        rows = ModelRows(groups)
        for group in target.mixedGroups { _ = try rows.rows(of: group, path: file.path) }
        guard generator.spec.imageChannels == 4 else {
            throw EvaluationError(subject: file.path, reason: "the model draws \(generator.spec.imageChannels) channels; a \(target.rawValue) needs RGBA (4)")
        }
        guard generator.spec.zDim >= LatentAttributeCode.dimensions else {
            throw EvaluationError(subject: file.path, reason: "z_dim \(generator.spec.zDim) is smaller than the \(LatentAttributeCode.dimensions) coordinates that encode a character")
        }
    }

    public func attributes(seed: UInt32) -> CharacterAttributes {
        SeedCharacter.attributes(seed: seed, zDim: generator.spec.zDim)
    }

    public func image(seed: UInt32, psi: Float) throws -> RGBAImage {
        try draw(generator.ws(seed: seed, truncation: Truncation(psi: psi)))
    }

    public func image(seed base: UInt32, taking group: AttributeGroup, from donor: UInt32, psi: Float) throws -> RGBAImage {
        let truncation = Truncation(psi: psi)
        let mixed = try generator.ws(seed: base, truncation: truncation)
            .mixing(rows: rows.rows(of: group, path: name), from: generator.ws(seed: donor, truncation: truncation))
        return try draw(mixed)
    }

    public func describe(_ group: AttributeGroup) -> String {
        "w rows \((rows.rows[group] ?? []).map(String.init).joined(separator: ","))"
    }

    private func draw(_ ws: Latent) throws -> RGBAImage {
        let image = try ImageConversion.rgba8(generator.synthesize(ws))
        guard image.width == target.width, image.height == target.height else {
            throw EvaluationError(subject: name, reason: "the model draws \(image.width)x\(image.height) images; a \(target.rawValue) is \(target.width)x\(target.height)")
        }
        return image
    }
}

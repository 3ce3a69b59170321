import CastManifest
import Foundation
import StyleCastIO
import StyleGAN

/// The SHA-256 of everything a character's pictures depend on: its seed, truncation, projection
/// steps, mixes and face slots, the model files, and the contents of every preset, latent and
/// image file it uses. Not its name, file name or actor fields (changing those rewrites the
/// actor, not the art), nor where in the manifest it is written.
enum ArtFingerprint {
    /// Bump when the pipeline itself changes what it draws, so that older art is remade.
    /// 2: the face takes the sprite mixes' face equivalents and the neutral expression, and is
    /// projected only where a sprite mix has no equivalent (`FaceFollowing`).
    static let pipelineVersion = "stylecast-cast/2"

    static func of(_ spec: CharacterSpec, models: CastModels, fileHash: (String) throws -> String) throws -> String {
        func rows(_ list: RowList?) -> JSONValue { .array((list?.rows ?? []).map { .number($0) }) }
        func mode(_ mode: MixMode) -> JSONValue {
            switch mode {
            case .replace: "replace"
            case let .weight(weight): ["weight": .number(weight)]
            }
        }
        func source(_ source: LatentSource, role: CastModelRole) throws -> JSONValue {
            switch source {
            case let .preset(name):
                let file = models.presets.preset(name, for: role)?.file
                guard role == .sprite else { return ["preset": .string(name), "sha256": .string(try file.map(fileHash) ?? "")] }
                // A sprite preset's face equivalent is the face preset of that name.
                let face = models.presets.preset(name, for: .face)?.file
                return ["preset": .string(name), "sha256": .string(try file.map(fileHash) ?? ""),
                        "faceSha256": .string(try face.map(fileHash) ?? "")]
            case let .seed(seed): return ["seed": .number(Int(seed))]
            case let .latent(path): return ["latent": .string(try fileHash(path))]
            case let .image(path): return ["image": .string(try fileHash(path))]
            }
        }
        func mixes(_ list: [LatentMix], role: CastModelRole) throws -> JSONValue {
            .array(try list.map { ["from": try source($0.source, role: role), "rows": rows($0.rows), "mode": mode($0.mode)] })
        }
        let slots: JSONValue = .array(try spec.faceSlots.map { slot in
            let preset = slot.expression == FaceSlot.neutral ? "" : try models.presets.preset(slot.expression, for: .face).map { try fileHash($0.file) } ?? ""
            return ["expression": .string(slot.expression), "sha256": .string(preset),
                    "rows": .array((models.rows(of: slot) ?? []).map { .number($0) }), "mode": mode(slot.mode)]
        })
        let inputs: JSONValue = [
            "pipeline": .string(pipelineVersion),
            "spriteModel": .string(try fileHash(models.spritePath)),
            "faceModel": .string(try fileHash(models.facePath)),
            "seed": .number(Int(spec.seed)),
            "truncation": .number(spec.truncation),
            "projectionSteps": .number(spec.projectionSteps),
            "spriteMixes": try mixes(spec.spriteMixes, role: .sprite),
            "faceMixes": try mixes(spec.faceMixes, role: .face),
            "faces": slots,
        ]
        return SHA256.hexDigest(JSONWriter.compact(inputs))
    }
}

/// SHA-256 of input files, each read once per run.
final class FileHashes {
    private var known: [String: String]

    init(known: [String: String]) { self.known = known }

    func hash(_ path: String) throws -> String {
        if let hash = known[path] { return hash }
        let hash = SHA256.hexDigest(try FileReadError.contents(of: path))
        known[path] = hash
        return hash
    }
}

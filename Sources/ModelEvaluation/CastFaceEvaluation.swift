import ArtQuality
import CastPipeline
import Foundation
import StyleCastArt
import StyleCastIO
import StyleGAN
import Training

/// How well a cast's faces belong to their characters (`stylecast evaluate-cast`), for each
/// character whose attributes are known (`CastFaceRules`):
/// - every final face slot: is it closer to the renderer's drawing of the slot's character
///   (`CastFaceTruth.slots`) than to that drawing with any of the other 7 expressions?
/// - face 0 (the face actors show): does it show the character's hair style and hair, skin and
///   eye colours (`AttributeAccuracy`: closer to the true drawing than to the drawing with that
///   attribute set to any other value)?
/// - every face step the pipeline records, and the final face 0: PSNR against the renderer's
///   drawing of the character (neutral), so a step that makes the face worse shows.
/// All distances are the evaluation's masked RGBA distance (`ImageComparison.psnr`).
public enum CastFaceEvaluation {
    /// The attributes judged on face 0.
    public static let identityAttributes = ["hairStyle", "hairColour", "skinTone", "eyeColour"]
    /// The title of the last step: the final face 0, as the face set shows it.
    public static let finalStage = "final face 0"

    /// Makes the cast (`CastFaceRun`) and judges it.
    public static func evaluate(_ options: CastFaceRun.Options, progress: @escaping @Sendable (String) -> Void = { _ in }) throws -> CastFaceReport {
        let run = try CastFaceRun.run(options, progress: progress)
        let rules = try CastFaceRules(models: run.models)
        let face = run.models.face
        var report = CastFaceReport(manifest: run.manifest.file, faceProjection: options.faceProjection.rawValue,
                                    projectionSteps: options.projectionSteps, seconds: run.seconds,
                                    timings: run.timings.map { CastFaceReport.Timing(stage: $0.stage, seconds: $0.seconds) })
        report.characters = try run.characters.map { character in
            let truth: CastFaceTruth
            do {
                truth = try rules.truth(of: character.spec, slotRows: character.slotRows)
            } catch let error as EvaluationError {
                return CastFaceReport.Character(name: character.spec.name, seed: character.spec.seed, unknown: error.reason)
            }
            let stages = try character.faceStages.map { stage in
                (stage.title, try ImageConversion.rgba8(face.synthesize(stage.latent, noiseMode: .const)))
            }
            return judge(name: character.spec.name, seed: character.spec.seed, presets: character.spec.faceSlots.map(\.expression),
                         truth: truth, faces: character.faces, stages: stages)
        }
        report.tally()
        return report
    }

    /// The figures of one character: `faces` in slot order, `stages` the face steps' images.
    public static func judge(name: String, seed: UInt32, presets: [String], truth: CastFaceTruth, faces: [RGBAImage],
                             stages: [(title: String, image: RGBAImage)],
                             render: (CharacterAttributes) -> RGBAImage = FacePortrait.render) -> CastFaceReport.Character {
        // Each slot's own drawing, once: the expression verdicts and face 0's figures share slot 0's.
        let slotDrawings = truth.slots.prefix(faces.count).map(render)
        let slots = zip(presets, zip(truth.slots, zip(faces, slotDrawings))).enumerated().map { index, entry in
            let (preset, (wanted, (image, drawing))) = entry
            let (closest, correct) = nearestExpression(image, wanted: wanted, drawing: drawing, render: render)
            return CastFaceReport.Slot(faceIndex: index, preset: preset, wanted: wanted.expression.expression.rawValue,
                                       closest: closest.rawValue, correct: correct)
        }
        let reference = render(truth.character)
        let zeroReference = slotDrawings[0]
        let attributes = AttributeAccuracy.judge(faces[0], attributes: truth.slots[0], reference: zeroReference, render: render,
                                                 judged: CharacterAttribute.named(identityAttributes))
        var steps = stages.map { CastFaceReport.Stage(title: $0.title, psnr: ImageComparison.psnr($0.image, reference)) }
        steps.append(CastFaceReport.Stage(title: finalStage, psnr: ImageComparison.psnr(faces[0], zeroReference)))
        return CastFaceReport.Character(name: name, seed: seed, character: PresetLibrary.describe(truth.character) + ", head turned \(truth.character.expression.headTurn.rawValue)", slots: slots,
                                        attributes: attributes, stages: steps)
    }

    /// The expression whose drawing (the wanted character with it) `image` is closest to, and
    /// whether the image is strictly closer to the wanted drawing (`drawing`) than to every other
    /// one that differs from it: the attribute-accuracy verdict on the expression.
    static func nearestExpression(_ image: RGBAImage, wanted: CharacterAttributes, drawing: RGBAImage,
                                  render: (CharacterAttributes) -> RGBAImage) -> (StyleCastArt.Expression, Bool) {
        let expression = CharacterAttribute.named(["expression"])[0]
        guard let verdict = AttributeAccuracy.verdict(image, on: expression, attributes: wanted, reference: drawing,
                                                      render: render, findClosest: true)
        else { return (wanted.expression.expression, true) }
        return (verdict.closest.expression.expression, verdict.correct)
    }
}

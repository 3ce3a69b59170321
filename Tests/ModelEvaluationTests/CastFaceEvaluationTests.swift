import CastManifest
import CastPipeline
import Foundation
import ModelEvaluation
import StyleCastArt
import StyleCastIO
import StyleGAN
import Training
import XCTest
import TestSupport

/// The cast evaluation's rules (what a character's faces should show) and its judging, on
/// renderer drawings with known flaws.
final class CastFaceEvaluationTests: XCTestCase {
    /// The shipped models' row groups.
    let spriteRows = RowGroups(shape: [0, 1, 2, 3, 4, 5], colours: [6, 7, 8, 9])
    let faceRows = RowGroups(shape: [0, 2, 3, 4], headTurn: [1], expression: [5, 6], colours: [7, 8, 9])
    let zDim = 32
    /// The rows of the 8 standard slots on the shipped face model.
    let slotRows: [[Int]?] = [nil] + Array(repeating: [5, 6], count: 7)

    var rules: CastFaceRules {
        var presets: [CastModelRole: [String: CharacterAttributes]] = [:]
        for role in CastModelRole.allCases {
            for name in ["villain", "mage", "happy", "worried", "angry", "sad", "surprised", "eyes-closed", "determined", "look-left"] {
                presets[role, default: [:]][name] = PresetLibrary.attributes(ofPreset: name, model: role)
            }
        }
        return CastFaceRules(spriteRows: spriteRows, faceRows: faceRows, zDim: zDim, presets: presets)
    }

    /// One character read from manifest text (its mixes and faces).
    func character(_ members: String) throws -> CharacterSpec {
        let text = #"{"characters": [{"name": "Test", "seed": 12, "# + members + "}]}"
        return try CastManifest.parse(Array(text.utf8), file: "test.json", folder: sampleProjectRoot).characters[0]
    }

    func seedCharacter(_ seed: UInt32) -> CharacterAttributes { SeedCharacter.attributes(seed: seed, zDim: zDim) }

    func testMixesOfHalfWeightOrMoreTakeTheirSourcesGroups() throws {
        let spec = try character("""
            "spriteMixes": [{"from": "preset:villain", "rows": "0-5"}, {"from": "seed:9001", "rows": "6-9", "mode": {"weight": 0.3}}],
            "faceMixes": [{"from": "seed:404", "rows": "7-9", "mode": {"weight": 0.5}}],
            "faces": ["neutral", "happy", {"expression": "sad", "mode": {"weight": 0.4}}, "angry", "look-left",
                      {"expression": "determined", "mode": {"weight": 0.8}}, "eyes-closed", "surprised"]
            """)
        let rows: [[Int]?] = [nil, [5, 6], [5, 6], [5, 6], [1], [5, 6], [5, 6], [5, 6]]
        let truth = try rules.truth(of: spec, slotRows: rows)
        let villain = PresetLibrary.attributes(ofPreset: "villain", model: .sprite)!
        // The sprite mix of the shape rows takes the villain's shape; the light colour mix
        // changes nothing; the face mix of the colour rows at 0.5 takes seed 404's colours.
        XCTAssertEqual(truth.character.shape, villain.shape)
        XCTAssertEqual(truth.character.colours, seedCharacter(404).colours)
        XCTAssertEqual(truth.character.expression.expression, .neutral)
        XCTAssertEqual(truth.character.expression.headTurn, seedCharacter(12).expression.headTurn)
        XCTAssertEqual(truth.slots.map(\.expression.expression),
                       [.neutral, .happy, .neutral, .angry, .neutral, .determined, .eyesClosedSmile, .surprised])
        XCTAssertEqual(truth.slots[4].expression.headTurn, .left)
        for slot in truth.slots { XCTAssertEqual(slot.shape, villain.shape); XCTAssertEqual(slot.colours, truth.character.colours) }
    }

    func testUnknownSourcesAndPartsOfGroupsLeaveTheCharacterUnjudged() throws {
        func reason(_ members: String) throws -> String? {
            do {
                _ = try rules.truth(of: try character(members), slotRows: slotRows)
                return nil
            } catch let error as EvaluationError {
                return error.reason
            }
        }
        let image = #"{"from": "image:reference/Dorn-walk.png", "rows": "0-9""#
        XCTAssertEqual(try reason(#""spriteMixes": [\#(image), "mode": {"weight": 0.5}}]"#),
                       "sprite mix 1 takes an image, whose character is not known")
        // Too light to count: the image's character does not matter.
        XCTAssertNil(try reason(#""spriteMixes": [\#(image), "mode": {"weight": 0.3}}]"#))
        XCTAssertEqual(try reason(#""spriteMixes": [{"from": "preset:villain", "rows": "0-2"}]"#),
                       "sprite mix 1 covers part of a row group of the sprite model")
        XCTAssertEqual(try reason(#""faceMixes": [{"from": "preset:hero", "rows": [0, 2, 3, 4]}]"#),
                       "face mix 1 takes the face preset 'hero', whose character is not known (not the latent `stylecast presets` writes for that name)")
        XCTAssertNil(try reason(#""faceMixes": [{"from": "preset:mage", "rows": [0, 2, 3, 4]}]"#))
    }

    func testRendererDrawnFacesScoreRightAndWrongOnesShow() throws {
        let spec = try character(#""spriteMixes": [{"from": "preset:mage", "rows": "0-5"}]"#)
        let truth = try rules.truth(of: spec, slotRows: slotRows)
        var faces = truth.slots.map(FacePortrait.render)
        let perfect = CastFaceEvaluation.judge(name: "Test", seed: 12, presets: spec.faceSlots.map(\.expression), truth: truth,
                                               faces: faces, stages: [("drawn", FacePortrait.render(truth.character))])
        XCTAssertEqual(perfect.slots.filter(\.correct).count, 8)
        XCTAssertEqual(perfect.slots.map(\.closest), perfect.slots.map(\.wanted))
        XCTAssertEqual(perfect.attributes, ["hairStyle": true, "hairColour": true, "skinTone": true, "eyeColour": true])
        XCTAssertEqual(perfect.stages.map(\.title), ["drawn", CastFaceEvaluation.finalStage])
        XCTAssertEqual(perfect.stages.map(\.psnr), [.infinity, .infinity])

        // Slot 4 (sad) drawn angry; face 0 with another hair colour; a step with the seed's own
        // character, which is further from the mage-shaped one.
        var angry = truth.slots[4]
        angry.expression.expression = .angry
        faces[4] = FacePortrait.render(angry)
        var otherHair = truth.slots[0]
        let colours = HairColour.allCases
        otherHair.colours.hair = colours[(colours.firstIndex(of: otherHair.colours.hair)! + 1) % colours.count]
        faces[0] = FacePortrait.render(otherHair)
        var seedOwn = seedCharacter(12)
        seedOwn.expression.expression = .neutral
        let flawed = CastFaceEvaluation.judge(name: "Test", seed: 12, presets: spec.faceSlots.map(\.expression), truth: truth,
                                              faces: faces, stages: [("seed", FacePortrait.render(seedOwn))])
        XCTAssertEqual(flawed.slots.map(\.correct), [true, true, true, true, false, true, true, true])
        XCTAssertEqual(flawed.slots[4].wanted, "sad")
        XCTAssertEqual(flawed.slots[4].closest, "angry")
        XCTAssertEqual(flawed.attributes, ["hairStyle": true, "hairColour": false, "skinTone": true, "eyeColour": true])
        XCTAssertLessThan(flawed.stages[0].psnr, 40)
        XCTAssertLessThan(flawed.stages[1].psnr, 40)
    }

    func testPresetsHaveAKnownCharacterOnlyWhenTheyAreTheLibrarysLatentOutsideTheirTunedRows() throws {
        let spec = try GeneratorSpec(className: GeneratorFamily.styleGAN2.rawValue, initKwargsJSON: """
            {"z_dim": 32, "c_dim": 0, "w_dim": 16, "img_resolution": 144, "init_res": [9, 9], "img_channels": 4,
             "mapping_kwargs": {"num_layers": 2}, "channel_base": 144, "channel_max": 16, "architecture": "skip"}
            """)
        let face = try RandomGenerator.make(spec: spec, seed: 3)
        let happy = try PresetLibrary.latent(PresetLibrary.attributes(ofPreset: "happy", model: .face)!, generator: face)
        let villain = try PresetLibrary.latent(PresetLibrary.attributes(ofPreset: "villain", model: .face)!, generator: face)
        let rows = RowGroups(shape: [0, 2], headTurn: [1], expression: [3], colours: [4])
        // Tuning (`presets --tune-steps`) may change an expression preset's expression rows only.
        var tunedHappy = happy
        tunedHappy[3, 0] += 0.5
        var wronglyTunedSad = try PresetLibrary.latent(PresetLibrary.attributes(ofPreset: "sad", model: .face)!, generator: face)
        wronglyTunedSad[4, 0] += 0.5
        let known = PresetCharacters.known(latents: [.face: ["happy": tunedHappy, "villain": try face.ws(seed: 5), "mine": villain,
                                                             "sad": wronglyTunedSad]],
                                           sprite: (face, rows), face: (face, rows))
        XCTAssertEqual(known[.face]?["happy"]?.expression.expression, .happy, "tuned in its expression rows, still known")
        XCTAssertNil(known[.face]?["sad"], "changed outside its expression rows, not known")
        XCTAssertNil(known[.face]?["villain"], "another latent under a library name has no known character")
        XCTAssertNil(known[.face]?["mine"], "a name the library does not write has no known character")
    }
}

/// `stylecast evaluate-cast` end to end on tiny random models that read one latent code, with
/// presets written by `PresetLibrary`: the figures mean nothing, their shape does.
final class CastFaceEvaluationRunTests: TemporaryFolderTestCase {
    func testACastIsMadeAndJudgedWhereItsCharactersAreKnown() throws {
        func spec(_ resolution: Int, _ start: String, _ base: Int) throws -> GeneratorSpec {
            try GeneratorSpec(className: GeneratorFamily.styleGAN2.rawValue, initKwargsJSON: """
                {"z_dim": 32, "c_dim": 0, "w_dim": 16, "img_resolution": \(resolution), "init_res": \(start), "img_channels": 4,
                 "mapping_kwargs": {"num_layers": 2}, "channel_base": \(base), "channel_max": 16, "architecture": "skip"}
                """)
        }
        try StandInModels.write(to: folder, sprite: spec(192, "[12, 9]", 192), face: spec(144, "[9, 9]", 144), seed: 5)
        try PresetLibrary.write(sprite: folder + "/sprite.safetensors", face: folder + "/face.safetensors", to: folder + "/presets")
        try FileManager.default.copyItem(atPath: sampleProjectRoot + "/reference", toPath: folder + "/reference")
        try """
            {"defaults": {"projectionSteps": 2}, "characters": [
              {"name": "Aria", "seed": 1, "spriteMixes": [{"from": "preset:heroine", "rows": "0-5"}],
               "faces": ["neutral", "happy", "worried", "angry", "sad", "surprised", "eyes-closed", "look-left"]},
              {"name": "Dorn", "seed": 2, "spriteMixes": [{"from": "image:reference/Dorn-walk.png", "rows": "0-9"}]}
            ]}
            """.write(toFile: folder + "/cast.json", atomically: true, encoding: .utf8)
        var options = CastFaceRun.Options(manifestPath: folder + "/cast.json", shipped: ShippedModels(folder: folder))
        options.jobs = 2
        let report = try CastFaceEvaluation.evaluate(options)

        XCTAssertEqual(report.characters.map(\.name), ["Aria", "Dorn"])
        let aria = report.characters[0]
        XCTAssertNil(aria.unknown)
        XCTAssertEqual(aria.slots.map(\.wanted), ["neutral", "happy", "worried", "angry", "sad", "surprised", "eyesClosedSmile", "neutral"])
        XCTAssertEqual(Set(aria.attributes.keys), Set(CastFaceEvaluation.identityAttributes))
        XCTAssertEqual(aria.stages.map(\.title), [FaceStage.seed, FaceStage.neutral, FaceStage.followed, FaceStage.projected,
                                                 FaceStage.faceMixed, CastFaceEvaluation.finalStage])
        XCTAssertEqual(report.characters[1].unknown, "sprite mix 1 takes an image, whose character is not known")
        XCTAssertEqual(report.expressions.judged, 8)
        XCTAssertEqual(report.attributes["hairStyle"]?.judged, 1)
        XCTAssertEqual(report.stages.map(\.characters), [1, 1, 1, 1, 1, 1])
        XCTAssertTrue(report.text.contains("In all (1 of 2 characters judged"), report.text)
        XCTAssertTrue(report.text.contains("  not judged: sprite mix 1 takes an image"), report.text)
        let read = try JSONDocument(parsing: report.json()).root
        XCTAssertEqual(read, report.jsonValue)
        XCTAssertEqual(read["expressions"]?["judged"]?.intValue, 8)
        XCTAssertEqual(read["characters"]?[1]?["unknown"]?.stringValue, "sprite mix 1 takes an image, whose character is not known")
    }
}

/// The repository's sample-project/.
let sampleProjectRoot: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("sample-project").path

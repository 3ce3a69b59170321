import Foundation
import XCTest
import StyleCastArt
import StyleCastIO
import StyleGAN
@testable import Training
import TestSupport

final class AttributeEmphasisTests: TemporaryFolderTestCase {
    private func character(seed: UInt32) -> CharacterAttributes {
        var random = NumpyRandom(seed: seed)
        return LatentAttributeCode.attributes(latent: random.standardNormal(count: 128).map { Float($0) })
    }

    private let expression = CharacterAttribute.named("expression")!

    func testWeightsMarkThePixelsWhereTheContrastingDrawingDiffers() {
        let emphasis = AttributeEmphasis(weight: 4, attributes: [expression])
        let target = TrainingTarget.facePortrait
        for seed: UInt32 in [1, 2, 3] {
            let character = character(seed: seed)
            let drawing = target.render(character)
            var contrasts: [CharacterAttributes] = []
            let mask = emphasis.mask(character: character, drawing: drawing, contrastKey: seed * 7919) { drawn in
                contrasts.append(drawn)
                return target.render(drawn)
            }
            // One other drawing: the same character with another expression.
            XCTAssertEqual(contrasts.count, 1)
            XCTAssertEqual(contrasts.first, emphasis.contrast(to: character, contrastKey: seed * 7919))
            XCTAssertNotEqual(contrasts[0].expression.expression, character.expression.expression)
            var same = contrasts[0]
            same.expression.expression = character.expression.expression
            XCTAssertEqual(same, character, "only the expression changes")
            // The mask in the network's layout: a pixel is marked when any channel differs.
            let image = TrainingTarget.networkLayout(drawing), other = target.networkImage(contrasts[0])
            let plane = image.count / 4
            let differs = (0..<plane).map { p in (0..<4).contains { image[$0 * plane + p] != other[$0 * plane + p] } }
            XCTAssertEqual(mask, differs.map { $0 ? 1 : 0 })
            let changed = differs.filter { $0 }.count
            XCTAssertGreaterThan(changed, 50, "an expression changes some pixels")
            XCTAssertLessThan(changed, plane / 4, "and only the face's")
            let weights = emphasis.pixelWeights(mask: mask)
            XCTAssertEqual(weights.count, plane)
            XCTAssertEqual(weights.reduce(0.0) { $0 + Double($1) } / Double(plane), 1, accuracy: 1e-5, "the weights keep the loss's size")
            let high = weights[differs.firstIndex(of: true)!], low = weights[differs.firstIndex(of: false)!]
            XCTAssertEqual(high / low, 5, accuracy: 1e-4)
            for p in 0..<plane { XCTAssertEqual(weights[p], differs[p] ? high : low, "pixel \(p)") }
        }
    }

    func testTheKeyChoosesTheAttributeAndValueAndCoversThemAll() {
        let eyes = CharacterAttribute.named("eyeColour")!
        let emphasis = AttributeEmphasis(weight: 1, attributes: [expression, eyes])
        let character = character(seed: 5)
        var expressions: Set<String> = [], eyeColours: Set<String> = []
        for key: UInt32 in 0..<60 {
            let drawn = emphasis.contrast(to: character, contrastKey: key)!
            XCTAssertEqual(drawn, emphasis.contrast(to: character, contrastKey: key), "the same key gives the same contrast")
            if key % 2 == 0 {
                XCTAssertEqual(drawn.colours, character.colours, "even keys vary the first attribute")
                expressions.insert(drawn.expression.expression.rawValue)
            } else {
                XCTAssertEqual(drawn.expression, character.expression, "odd keys the second")
                eyeColours.insert(drawn.colours.eyes.rawValue)
            }
        }
        XCTAssertEqual(expressions.count, 7, "every other expression")
        XCTAssertEqual(eyeColours.count, 11, "every other eye colour")
    }

    func testTheConfigReadsItAndRefusesWhatCannotApply() throws {
        let extra = #", "attributeEmphasis": {"weight": 4, "attributes": ["expression", "eyeColour"]}"#
        let config = try TrainingConfig.read(path: writeTinyTrainingConfig(in: folder, extra: extra))
        XCTAssertEqual(config.attributeEmphasis, AttributeEmphasis(weight: 4, attributes: [expression, CharacterAttribute.named("eyeColour")!]))
        XCTAssertNil(try TrainingConfig.read(path: writeTinyTrainingConfig(in: folder)).attributeEmphasis)
        func refusal(_ extra: String, walkSheet: Bool = false) throws -> String {
            let path = try writeTinyTrainingConfig(in: folder, extra: extra)
            if walkSheet {
                try String(contentsOfFile: path, encoding: .utf8)
                    .replacingOccurrences(of: #""target": "face-portrait""#, with: #""target": "walk-sheet""#)
                    .replacingOccurrences(of: #""img_resolution": 144, "init_res": [9, 9]"#, with: #""img_resolution": 192, "init_res": [12, 9]"#)
                    .replacingOccurrences(of: #""channel_base": 576"#, with: #""channel_base": 768"#)
                    .replacingOccurrences(of: #""rows": {"shape": [0, 2, 3, 4], "headTurn": [1], "expression": [5, 6], "colours": [7, 8, 9]}"#,
                                          with: #""rows": {"shape": [0, 1, 2, 3, 4, 5], "colours": [6, 7, 8, 9]}"#)
                    .write(toFile: path, atomically: true, encoding: .utf8)
            }
            do {
                _ = try TrainingConfig.read(path: path)
            } catch {
                return "\(error)"
            }
            XCTFail("\(extra) was accepted")
            return ""
        }
        let negative = try refusal(#", "attributeEmphasis": {"weight": -1, "attributes": ["expression"]}"#)
        XCTAssertTrue(negative.contains("tiny.json") && negative.contains("attributeEmphasis.weight") && negative.contains("0 or more"), negative)
        let unknown = try refusal(#", "attributeEmphasis": {"weight": 4, "attributes": ["expresion"]}"#)
        XCTAssertTrue(unknown.contains("attributes[0]") && unknown.contains("no attribute") && unknown.contains("expression,"), unknown)
        let empty = try refusal(#", "attributeEmphasis": {"weight": 4, "attributes": []}"#)
        XCTAssertTrue(empty.contains("at least one"), empty)
        // A walk sheet draws no expression, so there is nothing to emphasise.
        let notDrawn = try refusal(#", "attributeEmphasis": {"weight": 4, "attributes": ["eyeColour", "expression"]}"#, walkSheet: true)
        XCTAssertTrue(notDrawn.contains("attributes[1]") && notDrawn.contains("walk-sheet target does not draw"), notDrawn)
    }

    func testItMovesTheGradientButNotTheReportedLoss() throws {
        let plain = try TrainingConfig.read(path: writeTinyTrainingConfig(in: folder))
        let generator = try ModelParameters(spec: plain.generatorSpec(), seed: plain.seed).generator()
        let stream = SampleStream(seed: 4, zDim: 128, groups: plain.rows.groups.map(\.name), mixingProbability: 0.5)
        let batch = stream.batch(step: 0, size: 2)
        let a = try SupervisedObjective(target: plain.target, rows: plain.rows).evaluate(batch, generator: generator)
        let b = try SupervisedObjective(target: plain.target, rows: plain.rows,
                                        attributeEmphasis: AttributeEmphasis(weight: 4, attributes: [expression]))
            .evaluate(batch, generator: generator)
        XCTAssertEqual(a.loss, b.loss, "the loss reported is the plain mean squared error either way")
        XCTAssertEqual(Set(a.gradients.keys), Set(b.gradients.keys))
        let name = "synthesis.b144.torgb.weight"
        XCTAssertNotEqual(a.gradients[name], b.gradients[name])
    }
}

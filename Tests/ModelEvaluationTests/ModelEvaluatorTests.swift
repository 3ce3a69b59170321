import Foundation
import ModelEvaluation
import StyleCastArt
import XCTest
import StyleCastIO

/// The evaluation core on the renderer itself (which must score perfectly) and on sources with
/// one known flaw (which must show in the right figure).
final class ModelEvaluatorTests: XCTestCase {
    let seeds: [UInt32] = Array(1_000_000..<1_000_012)

    func testTheRendererScoresPerfectlyOnWalkSheets() throws {
        let report = try ModelEvaluator.evaluate(RendererSource(target: .walkSheet, zDim: 128), seeds: seeds, psis: [0.5, 1])
        XCTAssertEqual(report.fidelity.psnr.median, .infinity)
        XCTAssertEqual(report.fidelity.psnr.mean, .infinity)
        XCTAssertEqual(report.fidelity.silhouetteIoU.median, 1)
        XCTAssertEqual(report.fidelity.psnrAfterCleanup.median, .infinity, "the clean-up leaves the renderer's clean sheets as they are")
        XCTAssertEqual(report.cleanliness.map(\.psi), [0.5, 1])
        XCTAssertEqual(report.cleanliness.map(\.cleanShare), [1, 1])
        XCTAssertEqual(report.mixing.map(\.group), [.colours])
        XCTAssertEqual(report.mixing[0].pairs, 6)
        XCTAssertEqual(report.mixing[0].silhouetteIoU?.median, 1)
        XCTAssertEqual(report.mixing[0].movedShare, 1)
        // Every attribute a walk sheet shows, each right on every seed; the expression and the
        // head turn are not drawn on walk sheets, so they are not judged.
        XCTAssertEqual(Set(report.attributeAccuracy.keys),
                       ["age", "build", "hairStyle", "outfit", "headwear", "cape", "glasses", "skinTone", "hairColour",
                        "eyeColour", "outfitMainColour", "outfitTrimColour"])
        XCTAssertTrue(report.attributeAccuracy.values.allSatisfy { $0 == 1 }, "\(report.attributeAccuracy)")
        XCTAssertFalse(report.text.contains("NOT MET"), report.text)
        XCTAssertNil(report.expressionConfusion, "a walk sheet draws no expression")
        XCTAssertNil(report.jsonValue["expressionConfusion"])
    }

    func testTheRendererScoresPerfectlyOnFaces() throws {
        let report = try ModelEvaluator.evaluate(RendererSource(target: .facePortrait, zDim: 128), seeds: seeds, psis: [1])
        XCTAssertEqual(report.fidelity.psnr.median, .infinity)
        XCTAssertEqual(report.cleanliness.map(\.cleanShare), [1])
        XCTAssertEqual(report.mixing.map(\.group), [.colours, .expression])
        XCTAssertEqual(report.mixing[1].insideRegionShare?.median, 1)
        XCTAssertEqual(report.mixing[1].insideRegionShare?.mean, 1)
        XCTAssertEqual(report.attributeAccuracy["expression"], 1)
        XCTAssertEqual(report.attributeAccuracy["headTurn"], 1)
        XCTAssertTrue(report.attributeAccuracy.values.allSatisfy { $0 == 1 }, "\(report.attributeAccuracy)")
        XCTAssertFalse(report.text.contains("NOT MET"), report.text)
        // Every seed's expression drawn as itself.
        let confusion = try XCTUnwrap(report.expressionConfusion)
        XCTAssertEqual(confusion.values.reduce(0) { $0 + $1.values.reduce(0, +) }, seeds.count)
        for (wanted, seen) in confusion { XCTAssertEqual(Array(seen.keys), [wanted]) }
    }

    func testTheExpressionConfusionShowsWhichExpressionsAFaceModelDrawsAsWhich() throws {
        let renderer = RendererSource(target: .facePortrait, zDim: 128)
        let report = try ModelEvaluator.evaluate(FlawedSource(renderer: renderer, flaw: .neutralExpression), seeds: seeds, psis: [1])
        let confusion = try XCTUnwrap(report.expressionConfusion)
        XCTAssertGreaterThan(confusion.count, 2, "the seeds cover several expressions: \(confusion)")
        for (wanted, seen) in confusion {
            XCTAssertEqual(Array(seen.keys), ["neutral"], "\(wanted) is drawn neutral")
        }
        let expected = seeds.map { renderer.attributes(seed: $0).expression.expression.rawValue }
        for wanted in Set(expected) where wanted != "neutral" {
            let count = expected.filter { $0 == wanted }.count
            XCTAssertTrue(report.text.contains("  \(wanted)".padding(toLength: 26, withPad: " ", startingAt: 0)
                                               + "0 of \(count); otherwise neutral \(count)"), report.text)
            XCTAssertEqual(report.jsonValue["expressionConfusion"]?[wanted]?["neutral"]?.intValue, count)
        }
    }

    func testEachFlawShowsInItsFigure() throws {
        let renderer = RendererSource(target: .walkSheet, zDim: 128)
        let ignored = try ModelEvaluator.evaluate(FlawedSource(renderer: renderer, flaw: .mixingIgnored), seeds: seeds, psis: [1])
        XCTAssertEqual(ignored.fidelity.psnr.median, .infinity)
        XCTAssertEqual(ignored.mixing[0].movedShare, 0)
        let movedLine = ignored.text.split(separator: "\n").first { $0.contains("Colours moved to B") } ?? ""
        XCTAssertTrue(movedLine.contains(" 0.0% ") && movedLine.hasSuffix("NOT MET"), ignored.text)

        let specks = try ModelEvaluator.evaluate(FlawedSource(renderer: renderer, flaw: .speck), seeds: seeds, psis: [0.7])
        XCTAssertEqual(specks.cleanliness[0].cleanShare, 0)
        XCTAssertEqual(specks.cleanliness[0].examples.count, 3)
        XCTAssertTrue(specks.cleanliness[0].examples[0].hasPrefix("seed 1000000: frame down pattern 0: 2 separate pieces"),
                      specks.cleanliness[0].examples[0])
        XCTAssertGreaterThan(specks.fidelity.psnr.median, 40, "one pixel off is a small error")
        XCTAssertEqual(specks.fidelity.psnrAfterCleanup.median, .infinity, "SpriteCleanup takes the speck away")

        let hair = try ModelEvaluator.evaluate(FlawedSource(renderer: renderer, flaw: .wrongHairColour), seeds: seeds, psis: [1])
        XCTAssertEqual(hair.attributeAccuracy["hairColour"], 0)
        XCTAssertEqual(hair.attributeAccuracy["hairStyle"], 1)
        XCTAssertEqual(hair.attributeAccuracy["outfitMainColour"], 1)
        let hairLine = hair.text.split(separator: "\n").first { $0.contains("hairColour") } ?? ""
        XCTAssertTrue(hairLine.hasSuffix("NOT MET"), hair.text)

        let wrong = try ModelEvaluator.evaluate(FlawedSource(renderer: renderer, flaw: .wrongCharacter), seeds: seeds, psis: [1])
        XCTAssertLessThan(wrong.fidelity.psnr.median, 25)
        XCTAssertLessThan(wrong.fidelity.silhouetteIoU.median, 0.9)
        XCTAssertTrue(wrong.text.contains("NOT MET"))
    }

    func testTheReportIsTheSameEveryRunAndReadsBackFromJSON() throws {
        let source = RendererSource(target: .walkSheet, zDim: 128)
        let first = try ModelEvaluator.evaluate(FlawedSource(renderer: source, flaw: .wrongCharacter), seeds: seeds, psis: [1])
        let second = try ModelEvaluator.evaluate(FlawedSource(renderer: source, flaw: .wrongCharacter), seeds: seeds, psis: [1])
        XCTAssertEqual(first.json(), second.json())
        let read = try JSONDocument(parsing: first.json()).root
        XCTAssertEqual(read, first.jsonValue)
        XCTAssertEqual(read["source"]?.stringValue, first.source)
        XCTAssertEqual(read["seeds"]?.arrayValue?.compactMap(\.intValue), first.seeds.map(Int.init))
        XCTAssertEqual(read["fidelity"]?["psnr"]?["median"]?.doubleValue, first.fidelity.psnr.median)
        XCTAssertEqual(read["fidelity"]?["psnrAfterCleanup"]?["median"]?.doubleValue, first.fidelity.psnrAfterCleanup.median)
        XCTAssertEqual(read["attributeAccuracy"]?.objectValue?.keys, first.attributeAccuracy.keys.sorted())
        XCTAssertEqual(read["cleanliness"]?[0]?["psi"]?.doubleValue, 1)
        XCTAssertEqual(read["mixing"]?.arrayValue?.count, first.mixing.count)
    }

    func testMediansAndEmptyInputs() throws {
        XCTAssertEqual(EvaluationReport.Summary([3, 1, 2]).median, 2)
        XCTAssertEqual(EvaluationReport.Summary([4, 1, 2, 3]).median, 2.5)
        XCTAssertEqual(EvaluationReport.Summary([4, 1, 2, 3]).mean, 2.5)
        XCTAssertTrue(EvaluationReport.Summary([]).median.isNaN)
        let source = RendererSource(target: .walkSheet, zDim: 128)
        XCTAssertThrowsError(try ModelEvaluator.evaluate(source, seeds: [], psis: [1]))
        XCTAssertThrowsError(try ModelEvaluator.evaluate(source, seeds: [1], psis: []))
    }
}

import ArgumentParser
import Foundation
import ModelEvaluation
import StyleCastIO
import StyleGAN
import Training
import XCTest
@testable import stylecast
import TestSupport

/// `stylecast evaluate` end to end on small random-weight models with StyleCast metadata:
/// the figures of random weights are poor, so these check the report's structure and errors.
final class EvaluateCommandTests: TemporaryFolderTestCase {
    static let spriteRows = #"{"shape": [0, 1, 2, 3, 4, 5], "colours": [6, 7, 8, 9]}"#
    static let faceRows = #"{"shape": [0, 2, 3, 4], "headTurn": [1], "expression": [5, 6], "colours": [7, 8, 9]}"#

    /// A random model of a named configuration with `extra` metadata added.
    func model(_ configuration: String, _ extra: [String: String]) throws -> SafeTensorsFile {
        let (family, kwargs) = try XCTUnwrap(RandomGenerator.configurations[configuration])
        let file = try RandomGenerator.file(spec: GeneratorSpec(className: family.rawValue, initKwargsJSON: kwargs), seed: 3)
        return SafeTensorsFile(path: "\(configuration).safetensors", metadata: file.metadata.merging(extra) { $1 },
                               tensors: file.tensors)
    }

    func testASpriteModelGetsEveryFigureAndAContactSheet() throws {
        let file = try model("sg2-sprite", ["stylecast_target": "walk-sheet", "stylecast_rows": Self.spriteRows])
        let sheetPath = folder + "/seeds.png"
        let text = try EvaluateCommand.evaluate(file: file, seeds: [1_000_000, 1_000_001, 1_000_002, 1_000_003], psis: [0.7, 1],
                                                json: false, contactSheet: sheetPath) { _ in }
        for line in ["sg2-sprite.safetensors (walk-sheet), 4 seeds 1000000-1000003",
                     "Fidelity at psi 1.0", "  PSNR", "goal >= 25 dB", "  Silhouette IoU",
                     "Clean share (CleanSheetCheck on the raw model output)", "  psi 0.70", "  psi 1.00", "goal >= 95.0%",
                     "Style mixing: colours from B (w rows 6,7,8,9), 2 pairs (A, B)", "  Colours moved to B"] {
            XCTAssertTrue(text.contains(line), "missing '\(line)' in\n\(text)")
        }
        let sheet = try PNG.read(path: sheetPath)
        XCTAssertEqual(sheet.width, 8 * (144 + 4) + 4)
        XCTAssertEqual(sheet.height, 192 + 8)
    }

    func testAFaceModelReportsTheExpressionMixInJSON() throws {
        let file = try model("sg2-face", ["stylecast_target": "face-portrait", "stylecast_rows": Self.faceRows])
        let json = try EvaluateCommand.evaluate(file: file, seeds: [7, 8], psis: [1], json: true, contactSheet: nil) { _ in }
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual(object["target"] as? String, "face-portrait")
        XCTAssertEqual(object["seeds"] as? [Int], [7, 8])
        let mixing = try XCTUnwrap(object["mixing"] as? [[String: Any]])
        XCTAssertEqual(mixing.map { $0["group"] as? String }, ["colours", "expression"])
        XCTAssertEqual(mixing[1]["swapped"] as? String, "w rows 5,6")
        let clean = try XCTUnwrap(object["cleanliness"] as? [[String: Any]])
        XCTAssertEqual(clean.count, 1)
        let share = try XCTUnwrap(clean[0]["cleanShare"] as? Double)
        XCTAssertTrue((0...1).contains(share))
    }

    func testModelsWithoutStyleCastMetadataOrOfTheWrongShapeAreRefusedClearly() throws {
        func failure(_ file: SafeTensorsFile) -> String {
            do {
                _ = try GeneratorSource(file: file)
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        let rows = ["stylecast_rows": Self.spriteRows]
        XCTAssertTrue(failure(try model("sg2-sprite", rows)).contains("sg2-sprite.safetensors: __metadata__ has no 'stylecast_target'"))
        XCTAssertTrue(failure(try model("sg2-sprite", ["stylecast_target": "sprite"] + rows)).contains("stylecast_target is 'sprite'; expected walk-sheet or face-portrait"))
        XCTAssertTrue(failure(try model("sg2-sprite", ["stylecast_target": "walk-sheet", "stylecast_rows": #"{"shape": [0], "colours": [6, 12]}"#]))
            .contains("'colours' names row 12, but the model has rows 0...9"))
        XCTAssertTrue(failure(try model("sg2-sprite", ["stylecast_target": "walk-sheet", "stylecast_rows": #"{"shape": [1]}"#]))
            .contains("__metadata__.stylecast_rows is not a row list"))
        XCTAssertTrue(failure(try model("sg2-face", ["stylecast_target": "face-portrait", "stylecast_rows": Self.spriteRows]))
            .contains("no 'expression' rows"))
        // A face-sized model labelled as a walk sheet draws the wrong size.
        let mislabelled = try GeneratorSource(file: model("sg2-face", ["stylecast_target": "walk-sheet", "stylecast_rows": Self.spriteRows]))
        XCTAssertThrowsError(try mislabelled.image(seed: 1, psi: 1)) { error in
            XCTAssertTrue("\(error)".contains("the model draws 144x144 images; a walk-sheet is 144x192"), "\(error)")
        }
    }

    /// The command as a user runs it, on a model file the trainer's writer wrote.
    func testTheCommandRunsOnAModelFile() throws {
        try model("sg2-sprite", ["stylecast_target": "walk-sheet", "stylecast_rows": Self.spriteRows]).write(to: folder + "/sprite.safetensors")
        var command = try StyleCast.parseAsRoot(["evaluate", "--model", folder + "/sprite.safetensors", "--seeds", "5-6",
                                                 "--psi-list", "1", "--json", "--contact-sheet", folder + "/seeds.png"])
        try command.run()
        XCTAssertEqual(try PNG.read(path: folder + "/seeds.png").height, 192 + 8)
    }

    func testBadArgumentsAreClearErrors() throws {
        XCTAssertThrowsError(try EvaluateCommand.psis("0.5,x")) { error in
            XCTAssertTrue("\(error)".contains("'x' is not a number"), "\(error)")
        }
        XCTAssertEqual(try EvaluateCommand.psis("0.5, 1"), [0.5, 1])
        var command = try StyleCast.parseAsRoot(["evaluate", "--model", "/nonexistent/model.safetensors"])
        XCTAssertThrowsError(try command.run()) { error in
            XCTAssertTrue("\(error)".contains("/nonexistent/model.safetensors"), "\(error)")
        }
    }
}

private func + (a: [String: String], b: [String: String]) -> [String: String] { a.merging(b) { $1 } }

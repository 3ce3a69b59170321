import CastManifest
@testable import CastPipeline
import StyleCastIO
import StyleGAN
import XCTest

/// Which rows a face slot's expression goes into.
final class FaceSlotRowsTests: XCTestCase {
    let here = SourcePosition(line: 1, column: 1)

    func testPlainSlotsFollowTheModelsExpressionRowsAndWrittenRowsWin() throws {
        let plain = FaceSlot(expression: "happy", rows: RowList([6], position: here), position: here)
        let written = FaceSlot(expression: "happy", rows: RowList([1, 6], position: here), rowsGiven: true, position: here)
        let neutral = FaceSlot(expression: FaceSlot.neutral, rows: nil, position: here)
        XCTAssertEqual(CastModels.rows(of: plain, expressionRows: [5, 6]), [5, 6])
        XCTAssertEqual(CastModels.rows(of: plain, expressionRows: nil), [6])
        XCTAssertEqual(CastModels.rows(of: written, expressionRows: [5, 6]), [1, 6])
        XCTAssertNil(CastModels.rows(of: neutral, expressionRows: [5, 6]))
    }

    func testExpressionRowsAreReadFromTheModelsMetadataAndChecked() throws {
        func file(_ rows: String?) -> SafeTensorsFile {
            SafeTensorsFile(path: "face.safetensors", metadata: rows.map { ["stylecast_rows": $0] } ?? [:], tensors: [:])
        }
        // The one reader of the metadata (`RowGroups.recorded`): the trainer's full groups.
        let shipped = #"{"colours":[7,8,9],"expression":[5,6],"headTurn":[1],"shape":[0,2,3,4]}"#
        XCTAssertEqual(try CastModels.expressionRows(file(shipped), numWs: 10), [5, 6])
        XCTAssertNil(try CastModels.expressionRows(file(nil), numWs: 10))
        XCTAssertNil(try CastModels.expressionRows(file(#"{"shape": [0, 1], "colours": [2]}"#), numWs: 10))
        XCTAssertThrowsError(try CastModels.expressionRows(file(#"{"shape": [0], "colours": [1], "expression": [5, 12]}"#), numWs: 10)) { error in
            XCTAssertTrue("\(error)".contains("stylecast_rows 'expression' names row 12, but the model has rows 0...9"), "\(error)")
        }
        XCTAssertThrowsError(try CastModels.expressionRows(file(#"{"expression": [5, 6]}"#), numWs: 10)) { error in
            XCTAssertTrue("\(error)".contains("face.safetensors: __metadata__.stylecast_rows is not a row list"), "\(error)")
        }
        XCTAssertThrowsError(try CastModels.expressionRows(file("not json"), numWs: 10))
    }

    func testTheManifestSaysWhetherASlotNamesItsRows() throws {
        let manifest = try CastManifest.parse(Array(#"""
            {"characters": [{"name": "A", "seed": 1,
              "faces": ["neutral", "happy", {"expression": "sad"}, {"expression": "angry", "rows": [6]},
                        "worried", "surprised", "eyes-closed", "determined"]}]}
            """#.utf8), file: "cast.json", folder: "/")
        let slots = manifest.characters[0].faceSlots
        XCTAssertEqual(slots.map(\.rowsGiven), [false, false, false, true, false, false, false, false])
    }
}

import XCTest
import StyleCastIO
@testable import StyleCastArt
import TestSupport

final class ArtDatasetTests: TemporaryFolderTestCase {
    func testSheetDatasetWritesSamplesAndOneAttributeLineEach() throws {
        try ArtDataset.write(kind: .sheet, count: 5, seed: 40, to: folder)
        let records = try ArtDataset.readRecords(path: folder + "/attributes.jsonl")
        XCTAssertEqual(records.map(\.file), (0..<5).map { String(format: "%06d.png", $0) })
        XCTAssertEqual(records.map(\.seed), [40, 41, 42, 43, 44])
        for record in records {
            XCTAssertEqual(record.attributes, sampleAttributes(seed: record.seed))
            let image = try PNG.read(path: folder + "/" + record.file)
            XCTAssertEqual(image, WalkSheet.render(record.attributes))
        }
    }

    func testFaceDatasetDrawsEachSampleWithItsOwnExpression() throws {
        try ArtDataset.write(kind: .face, count: 3, seed: 7, to: folder)
        let records = try ArtDataset.readRecords(path: folder + "/attributes.jsonl")
        XCTAssertEqual(records.count, 3)
        for record in records {
            XCTAssertEqual(try PNG.read(path: folder + "/" + record.file), FacePortrait.render(record.attributes))
        }
    }

    func testRewritingGivesIdenticalBytes() throws {
        try ArtDataset.write(kind: .sheet, count: 4, seed: 1, to: folder)
        let first = try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map {
            try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0))
        }
        try ArtDataset.write(kind: .sheet, count: 4, seed: 1, to: folder)
        let second = try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map {
            try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0))
        }
        XCTAssertEqual(first.count, 5)
        XCTAssertEqual(first, second)
    }

    func testJSONLineIsStableAndReadable() throws {
        let record = DatasetRecord(file: "000000.png", seed: 0, attributes: sampleAttributes(seed: 0))
        let line = ArtDataset.jsonLine(record)
        XCTAssertFalse(line.contains("\n"))
        XCTAssertTrue(line.hasPrefix("{\"attributes\":{\"colours\":{"), line)
        XCTAssertTrue(line.contains("\"hairStyle\":\"\(record.attributes.shape.hairStyle.rawValue)\""))
    }

    func testBadAttributesFileNamesTheFileAndLine() throws {
        let path = folder + "/attributes.jsonl"
        let good = ArtDataset.jsonLine(DatasetRecord(file: "a.png", seed: 1, attributes: sampleAttributes(seed: 1)))
        try (good + "\n{\"file\": 3}\n").write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ArtDataset.readRecords(path: path)) { error in
            XCTAssertTrue(String(describing: error).hasPrefix(path + ": line 2"), "\(error)")
        }
        XCTAssertThrowsError(try ArtDataset.readRecords(path: folder + "/missing.jsonl")) { error in
            XCTAssertTrue(String(describing: error).contains("missing.jsonl"))
        }
    }

    func testUnwritableFolderIsAnErrorNamingTheFile() {
        XCTAssertThrowsError(try ArtDataset.write(kind: .sheet, count: 2, seed: 0, to: folder + "/no/such/folder")) { error in
            XCTAssertTrue(String(describing: error).contains("no/such/folder"), "\(error)")
        }
    }
}

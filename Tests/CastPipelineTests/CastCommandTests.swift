import CastManifest
import CastPipeline
import StyleCastIO
import StyleGAN
import XCTest
@testable import stylecast

/// What `stylecast cast` shows while it runs and when a manifest is wrong.
final class CastCommandTests: XCTestCase {
    let events: [CastEvent] = [
        .characterStarted(name: "Aria", index: 1, count: 2),
        .stage(name: "Aria", stage: "sprite synthesis"),
        .stage(name: "Aria", stage: "sprite synthesis"),
        .stage(name: "Aria", stage: "face projection"),
        .projectionStep(name: "Aria", what: "face", step: 1, steps: 8),
        .projectionStep(name: "Aria", what: "face", step: 2, steps: 8),
        .projectionStep(name: "Aria", what: "face", step: 8, steps: 8),
        .characterFinished(name: "Aria", seconds: 1.24),
        .characterReused(name: "Bram"),
        .writingProject,
    ]

    func testPlainProgressIsOneLinePerChangeWithProjectionsByTheQuarter() {
        let text = Collected<String>()
        let display = CastProgressDisplay(isTerminal: false, output: text.append)
        events.forEach(display.handle)
        display.finish()
        XCTAssertEqual(text.all.joined(), """
            Aria: making its art (1 of 2)
            Aria: sprite synthesis
            Aria: face projection
            Aria: face projection step 2/8
            Aria: face projection step 8/8
            Aria: done in 1.2 s
            Bram: up to date, kept
            writing the project

            """)
    }

    func testTerminalProgressRedrawsOneLineThatFitsTheWidth() {
        let text = Collected<String>()
        let display = CastProgressDisplay(isTerminal: true, output: text.append, width: { 30 })
        events.prefix(4).forEach(display.handle)
        display.finish()
        let writes = text.all
        XCTAssertTrue(writes.allSatisfy { !$0.contains("\n") }, "\(writes)")
        XCTAssertTrue(writes.contains("\r\u{1B}[K[0/2] Aria: face projection"), "\(writes)")
        XCTAssertTrue(writes.allSatisfy { $0.replacingOccurrences(of: "\r\u{1B}[K", with: "").count <= 29 }, "\(writes)")
        XCTAssertEqual(writes.last, "\r\u{1B}[K", "the line is cleared before the summary")
    }

    func testManifestErrorsAreCountedThenListedOnePerLine() {
        let errors = ManifestErrors(file: "cast.json", problems: [
            ManifestProblem(position: SourcePosition(line: 3, column: 5), message: "b"),
            ManifestProblem(position: SourcePosition(line: 1, column: 2), message: "a"),
        ])
        XCTAssertEqual(CastCommand.describe(errors), """
            2 problems in the manifest; nothing was written
            cast.json:1:2: a
            cast.json:3:5: b
            """)
    }

    func testInitSaysWhichRowsTheShippedFaceModelMixesExpressionsInto() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("stylecast-init-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: sampleProjectRoot, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let command = try InitCommand.parse(["--project", copy, "--force"])
        try command.run()
        let text = try String(contentsOfFile: copy + "/cast.json", encoding: .utf8)
        // What the shipped face model records is what a cast without defaults.models uses.
        let face = try SafeTensorsFile(path: ShippedModels().path(of: ModelChoice.shipped.face))
        let rows = try JSONDocument(parsing: XCTUnwrap(face.metadata["stylecast_rows"])).root["expression"]
        XCTAssertEqual(rows, [5, 6])
        XCTAssertTrue(text.contains("each expression preset mixes into the face model's expression rows, 5 and 6"), text)
    }

    func testInitAndCastTakeAFolderOfOwnTemplates() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("stylecast-init-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: sampleProjectRoot, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try FileManager.default.createDirectory(atPath: copy + "/mine/init", withIntermediateDirectories: true)
        try "{\"characters\": [{\"name\": \"{{engine}}\", \"seed\": 1}]}\n".write(toFile: copy + "/mine/init/cast.json.mustache",
                                                                                 atomically: true, encoding: .utf8)
        try InitCommand.parse(["--project", copy, "--force", "--templates", copy + "/mine"]).run()
        XCTAssertEqual(try String(contentsOfFile: copy + "/cast.json", encoding: .utf8), "{\"characters\": [{\"name\": \"RPG Maker MV\", \"seed\": 1}]}\n")
        XCTAssertEqual(try CastCommand.parse(["--templates", "mine"]).templates, "mine")
    }
}

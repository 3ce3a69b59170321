import XCTest
import CastTemplates
import StyleCastIO
import StyleCastProject
@testable import CastManifest

/// The starter manifest comes from templates/init/cast.json.mustache: the shipped template
/// writes the bytes `stylecast init` wrote before it moved there; one's own replaces it.
final class StarterTemplateTests: XCTestCase {
    private var folder: ManifestFolder!

    override func setUpWithError() throws { folder = try ManifestFolder() }
    override func tearDown() { folder.remove() }

    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path

    private func actors(_ text: String) throws -> ActorsTable {
        try folder.write(Array(text.utf8), to: "Actors.json")
        return try ActorsTable(contentsOfFile: folder.path("Actors.json"))
    }

    func testTheShippedTemplateWritesTheSameManifestAsBefore() throws {
        let sample = try ActorsTable(contentsOfFile: sampleProjectRoot + "/data/Actors.json")
        let cases: [(file: String, actors: ActorsTable, engine: Engine, name: String, rows: [Int]?)] = [
            ("sample-nil.json", sample, .rpgMakerMV, "sample-project", nil),
            ("sample-5-6.json", sample, .rpgMakerMV, "sample-project", [5, 6]),
            ("sample-mz-6.json", sample, .rpgMakerMZ, "My Game", [6]),
            ("sample-1-5-6.json", sample, .rpgMakerMV, "p", [1, 5, 6]),
            ("tricky.json", try actors(trickyActors), .rpgMakerMV, "tricky", nil),
            ("none.json", try actors("[\nnull\n]"), .rpgMakerMV, "none", nil),
            ("unnamed.json", try actors("[\nnull,\n{\"id\":1,\"name\":\"\"}\n]"), .rpgMakerMV, "unnamed", nil),
        ]
        for item in cases {
            let expected = try String(contentsOfFile: Self.goldenFolder + "/" + item.file, encoding: .utf8)
            XCTAssertEqual(try StarterManifest.text(actors: item.actors, engine: item.engine, projectName: item.name,
                                                    faceExpressionRows: item.rows), expected, item.file)
        }
    }

    /// The project's folder name goes into a comment escaped as JSON text, so even a line break
    /// in it cannot end the comment and spoil the manifest.
    func testAProjectNameWithALineBreakStaysInItsComment() throws {
        let text = try StarterManifest.text(actors: actors(trickyActors), engine: .rpgMakerMV, projectName: "My \"Game\"\n}")
        XCTAssertTrue(text.hasPrefix("// StyleCast cast manifest for My \\\"Game\\\"\\n} (RPG Maker MV)"), text)
        XCTAssertEqual(try CastManifest.parse(Array(text.utf8), file: "cast.json", folder: folder.root).characters.count, 5)
    }

    func testOwnStarterTemplateIsUsedAndEscapesAsJSON() throws {
        try folder.write(Array("{\"characters\": [{{#characters}}{\"name\": \"{{name}}\", {{#fileName}}\"fileName\": \"{{fileName}}\", {{/fileName}}\"seed\": {{seed}}}{{^last()}}, {{/last()}}{{/characters}}]}\n".utf8),
                         to: "own/init/cast.json.mustache")
        let text = try StarterManifest.text(actors: actors(trickyActors), engine: .rpgMakerMV, projectName: "p",
                                            templates: TemplateFolders(own: folder.path("own")))
        let manifest = try CastManifest.parse(Array(text.utf8), file: "cast.json", folder: folder.root)
        XCTAssertEqual(manifest.characters.map(\.name), ["Guard", "guard", "???", "Zed", "Bob\u{2028}</script>"])
        XCTAssertEqual(manifest.characters.map(\.seed), [1, 3, 5, 6, 7].map(StarterManifest.seed(forActor:)))
    }

    func testABrokenStarterTemplateStopsInitBeforeItWritesAnything() throws {
        let copy = folder.path("project")
        try FileManager.default.copyItem(atPath: sampleProjectRoot, toPath: copy)
        try? FileManager.default.removeItem(atPath: copy + "/cast.json")
        try folder.write(Array("{\n  \"characters\": [\n{{#characters}}\n    {\"name\": \"{{name}}\"}\n  ]\n}\n".utf8),
                         to: "own/init/cast.json.mustache")
        XCTAssertThrowsError(try StarterManifest.write(projectPath: copy, templates: TemplateFolders(own: folder.path("own")))) { error in
            XCTAssertTrue("\(error)".hasPrefix(folder.path("own/init/cast.json.mustache") + ":"), "\(error)")
            XCTAssertTrue("\(error)".contains("never closed"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: copy + "/cast.json"))
    }
}

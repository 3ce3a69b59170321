import XCTest
import StyleCastIO
import StyleCastProject
@testable import CastManifest

/// Manifests that load: the README's full example, defaults, the sample cast.
final class ManifestLoadTests: XCTestCase {
    /// The README's full example, so the documented schema is the one the parser takes.
    static func readmeExample() throws -> String {
        try readmeBlock("jsonc", after: "## Cast manifest").text
    }

    /// The files the README example points at.
    static func writeExampleInputs(in folder: ManifestFolder, latentShape: [Int] = [10, 512]) throws {
        try folder.write(Array("model".utf8), to: "models/my-sprites.safetensors")
        try folder.write(Array("model".utf8), to: "models/my-faces.safetensors")
        try folder.write(Array("{}".utf8), to: "models/my-presets/index.json")
        let count = latentShape.reduce(1, *)
        try folder.write(NPY.encode(NPYArray(shape: latentShape, values: (0..<count).map { Float($0 % 7) })), to: "latents/cape.npy")
        try folder.write(PNG.encode(RGBAImage(width: 4, height: 4)), to: "refs/portrait.png")
        try folder.write(Array("<p>{{title}}</p>".utf8), to: "my-templates/preview/index.html.mustache")
    }

    func testReadmeFullExampleLoadsWithEveryField() throws {
        let folder = try ManifestFolder()
        defer { folder.remove() }
        try Self.writeExampleInputs(in: folder)
        let manifest = try folder.load(Self.readmeExample())

        XCTAssertEqual(manifest.defaults.models, ModelChoice(sprite: .file(folder.path("models/my-sprites.safetensors")),
                                                             face: .file(folder.path("models/my-faces.safetensors")),
                                                             presets: .file(folder.path("models/my-presets/index.json"))))
        XCTAssertEqual(manifest.defaults.truncation, 0.7)
        XCTAssertEqual(manifest.defaults.projectionSteps, 1000)
        XCTAssertEqual(manifest.defaults.templates, folder.path("my-templates"))
        XCTAssertEqual(manifest.defaults.faceSlots.map(\.expression), FaceSlot.standardExpressions)
        XCTAssertEqual(manifest.defaults.faceSlots[7].rows?.rows, [1, 6])
        XCTAssertEqual(manifest.defaults.faceSlots[7].mode, .weight(0.8))
        XCTAssertNil(manifest.defaults.faceSlots[0].rows)
        XCTAssertEqual(manifest.defaults.faceSlots[1].rows?.rows, [6])
        XCTAssertEqual(manifest.characters.count, 2)

        let heroine = manifest.characters[0]
        XCTAssertEqual(heroine.name, "Héroïne")
        XCTAssertEqual(heroine.fileName, "Héroïne")
        XCTAssertEqual(heroine.actorID, 1)
        XCTAssertEqual(heroine.seed, 1234)
        XCTAssertEqual(heroine.truncation, 0.6)
        XCTAssertEqual(heroine.projectionSteps, 300)
        XCTAssertEqual(heroine.spriteMixes.map(\.source), [.preset("villain"), .latent(path: folder.path("latents/cape.npy"))])
        XCTAssertEqual(heroine.spriteMixes.map(\.rows.rows), [[0, 1, 2, 3], [6, 7]])
        XCTAssertEqual(heroine.spriteMixes.map(\.mode), [.replace, .weight(0.5)])
        XCTAssertEqual(heroine.faceMixes.map(\.source), [.image(path: folder.path("refs/portrait.png")), .seed(42)])
        XCTAssertEqual(heroine.faceMixes.map(\.rows.rows), [[0, 1, 2, 3, 4, 5], [6]])
        XCTAssertEqual(heroine.faceMixes.map(\.mode), [.replace, .weight(0.25)])
        XCTAssertEqual(heroine.faceSlots.map(\.expression), FaceSlot.standardExpressions)
        XCTAssertEqual(heroine.faceSlots[7].rows?.rows, [6], "the character's own slots replace the defaults")
        XCTAssertEqual(heroine.actor, ActorFields(name: "Héroïne", nickname: "the Bold", profile: "Left home to find her brother.",
                                                  classId: 2, initialLevel: 5, maxLevel: 60, note: "<hero>"))

        let guardian = manifest.characters[1]
        XCTAssertEqual(guardian.fileName, "GuardNorth")
        XCTAssertNil(guardian.actorID)
        XCTAssertEqual(guardian.truncation, 0.7, "from the defaults")
        XCTAssertEqual(guardian.projectionSteps, 1000)
        XCTAssertEqual(guardian.faceSlots, manifest.defaults.faceSlots)
        XCTAssertEqual(guardian.actor, ActorFields(name: "Guard: North Gate", classId: 1, initialLevel: 1, maxLevel: 99))

        // Positions point into the file: the first sprite mix's "from" is on the line that holds it.
        let lines = try Self.readmeExample().components(separatedBy: "\n")
        let mixLine = try XCTUnwrap(lines.firstIndex { $0.contains("preset:villain") }) + 1
        XCTAssertEqual(heroine.spriteMixes[0].sourcePosition.line, mixLine)
        XCTAssertEqual(heroine.spriteMixes[0].rows.position.line, mixLine)

        try manifest.validate(sprite: ModelLimits(numWs: 10, wDim: 512), face: ModelLimits(numWs: 12, wDim: 512),
                              presetNames: Set(FaceSlot.standardExpressions + ["villain"]))
    }

    func testLeftOutDefaultsAreTheShippedModelsAndStandardFaces() throws {
        let folder = try ManifestFolder()
        defer { folder.remove() }
        let manifest = try folder.load(#"{"characters": [{"name": "Ana/Bel", "seed": 0}]}"#)
        XCTAssertEqual(manifest.defaults.models, .shipped)
        XCTAssertEqual(manifest.defaults.models.sprite, .shipped("models/sprite.safetensors"))
        XCTAssertEqual(manifest.defaults.truncation, ManifestDefaults.truncation)
        XCTAssertNil(manifest.defaults.templates, "the shipped templates")
        let character = try XCTUnwrap(manifest.characters.first)
        XCTAssertEqual(character.fileName, "Ana_Bel", "derived safely from the name")
        XCTAssertEqual(character.faceSlots.map(\.expression),
                       ["neutral", "happy", "worried", "angry", "sad", "surprised", "eyes-closed", "determined"])
        XCTAssertEqual(character.faceSlots.compactMap(\.rows?.rows), Array(repeating: [6], count: 7))
        XCTAssertEqual(character.spriteMixes, [])
        XCTAssertEqual(character.actor, ActorFields(name: "Ana/Bel"))
    }

    func testCommentsByteOrderMarkAndRowSyntaxes() throws {
        let folder = try ManifestFolder()
        defer { folder.remove() }
        let text = "\u{FEFF}" + """
            // line comment
            /* block
               comment */ {"characters": [ // trailing comment "with quotes"
              {"name": "A // not a comment", "seed": 4294967295,
               "spriteMixes": [{"from": "seed:1", "rows": " 0-2, 5 ,7-7"}, {"from": "seed:2", "rows": [9, 8]}]}
            ]}
            """
        let manifest = try folder.load(text)
        let character = try XCTUnwrap(manifest.characters.first)
        XCTAssertEqual(character.name, "A // not a comment")
        XCTAssertEqual(character.seed, UInt32.max)
        XCTAssertEqual(character.spriteMixes.map(\.rows.rows), [[0, 1, 2, 5, 7], [8, 9]])
        XCTAssertEqual(character.position, SourcePosition(line: 4, column: 3))
    }

    func testSampleProjectCastLoadsAndFitsSmallModels() throws {
        let manifest = try CastManifest.load(path: sampleProjectRoot + "/cast.json")
        XCTAssertEqual(manifest.characters.map(\.name), ["Aria", "Bram", "Cyra", "Dorn", "Malvek", "Elder Oswin", "Pip", "Sela"])
        XCTAssertEqual(manifest.characters.map(\.actorID), [1, 2, 3, 4, nil, nil, nil, nil])
        XCTAssertEqual(manifest.characters[5].fileName, "Oswin")
        XCTAssertEqual(manifest.characters[3].spriteMixes[0].source,
                       .image(path: URL(fileURLWithPath: sampleProjectRoot + "/reference/Dorn-walk.png").standardizedFileURL.path))
        XCTAssertTrue(manifest.characters.allSatisfy { $0.faceSlots.count == 8 })
        XCTAssertEqual(manifest.characters[2].faceSlots[1].mode, .weight(0.5))
        XCTAssertEqual(manifest.characters[3].actor.initialLevel, 3)
        XCTAssertEqual(manifest.characters[3].actor.maxLevel, 99, "from the defaults")
        try manifest.validate(sprite: spriteLimits, face: faceLimits)
    }

    func testSameFileLoadsToTheSameManifest() throws {
        let folder = try ManifestFolder()
        defer { folder.remove() }
        try Self.writeExampleInputs(in: folder)
        let text = try Self.readmeExample()
        XCTAssertEqual(try folder.load(text), try folder.load(text))
    }
}

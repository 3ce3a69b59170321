import XCTest
import StyleCastIO
@testable import CastManifest

/// Every kind of problem, reported with the exact file:line:column, all at once, in file order.
final class ManifestErrorTests: XCTestCase {
    private var folder: ManifestFolder!

    override func setUpWithError() throws { folder = try ManifestFolder() }
    override func tearDown() { folder.remove() }

    func testSyntaxErrorIsOneProblemAtItsPlace() {
        // Column 16 is the second string, where the comma is missing; the comment before
        // keeps its line.
        XCTAssertEqual(folder.errors("// a comment first\n{\"characters\": [\n  {\"name\": \"A\" \"seed\": 1}\n]}"),
                       ["cast.json:3:16: object value separator ',' expected"])
        XCTAssertEqual(folder.errors("{\"characters\": []\n/* never closed"), ["cast.json:2:1: unterminated /* comment"])
    }

    func testUnknownKeysSuggestTheNearestKnownOne() {
        XCTAssertEqual(folder.errors("""
            {"defaults": {"truncaton": 0.5, "modles": {"sprit": "x"}},
             "charaters": [],
             "characters": [{"name": "A", "sede": 1, "seed": 2, "actor": {"nickame": "n", "wings": 2},
                             "spriteMixes": [{"form": "seed:1", "from": "seed:2", "rows": [0], "mdoe": "replace"}]}]}
            """), [
            "cast.json:1:15: defaults: unknown key 'truncaton' (did you mean 'truncation'?)",
            "cast.json:1:33: defaults: unknown key 'modles' (did you mean 'models'?)",
            "cast.json:2:2: (top level): unknown key 'charaters' (did you mean 'characters'?)",
            "cast.json:3:31: characters[0]: unknown key 'sede' (did you mean 'seed'?)",
            "cast.json:3:63: characters[0].actor: unknown key 'nickame' (did you mean 'nickname'?)",
            "cast.json:3:79: characters[0].actor: unknown key 'wings' (known keys: nickname, profile, classId, initialLevel, maxLevel, note)",
            "cast.json:4:35: characters[0].spriteMixes[0]: unknown key 'form' (did you mean 'from'?)",
            "cast.json:4:84: characters[0].spriteMixes[0]: unknown key 'mdoe' (did you mean 'mode'?)",
        ])
    }

    func testWrongTypesAndOutOfRangeValues() {
        XCTAssertEqual(folder.errors("""
            {"defaults": {"truncation": 1.5, "projectionSteps": "many"},
             "characters": [
              {"name": 7, "seed": -1, "actorId": 0, "truncation": "low",
               "spriteMixes": {"from": "seed:1"},
               "faceMixes": [{"from": "seed:x", "rows": "3-1", "mode": {"weight": 0}},
                             {"from": "seed:1", "rows": [1.5], "mode": "blend"}],
               "actor": {"classId": 0, "initialLevel": 100, "profile": null}}
            ]}
            """), [
            "cast.json:1:29: defaults.truncation: must be a number from 0 to 1, not 1.5",
            "cast.json:1:53: defaults.projectionSteps: must be a whole number from 1 to 100000, not the string \"many\"",
            "cast.json:3:12: characters[0].name: must be a string \"...\", not 7",
            "cast.json:3:23: characters[0].seed: must be a whole number from 0 to 4294967295, not -1",
            "cast.json:3:38: characters[0].actorId: must be a whole number from 1 to 9999, not 0",
            "cast.json:3:55: characters[0].truncation: must be a number from 0 to 1, not the string \"low\"",
            "cast.json:4:19: characters[0].spriteMixes: must be a list [ ... ], not an object",
            "cast.json:5:27: characters[0].faceMixes[0].from: 'x' is not a seed; seeds are whole numbers from 0 to 4294967295",
            "cast.json:5:45: characters[0].faceMixes[0].rows: the range 3-1 runs backwards; write 1-3",
            "cast.json:5:71: characters[0].faceMixes[0].mode.weight: must be above 0 (a weight of 0 changes nothing; remove the mix instead)",
            "cast.json:6:46: characters[0].faceMixes[1].rows[0]: must be a whole number from 0 to 255, not 1.5",
            "cast.json:6:60: characters[0].faceMixes[1].mode: must be \"replace\" or {\"weight\": 0.5}, not the string \"blend\"",
            "cast.json:7:25: characters[0].actor.classId: must be a whole number from 1 to 9999, not 0",
            "cast.json:7:44: characters[0].actor.initialLevel: must be a whole number from 1 to 99, not 100",
            "cast.json:7:60: characters[0].actor.profile: must be a string \"...\", not null",
        ])
    }

    func testMissingFilesAndBadSources() throws {
        try folder.write(Array("x".utf8), to: "here.npy")
        XCTAssertEqual(folder.errors("""
            {"defaults": {"models": {"face": "models/none.safetensors"}},
             "characters": [{"name": "A", "seed": 1,
               "spriteMixes": [{"from": "latent:gone.npy", "rows": [0]}, {"from": "latent:here.npy", "rows": [1]},
                               {"from": "image:ref.png", "rows": [2]}, {"from": "prest:villain", "rows": [3]},
                               {"from": "preset:", "rows": [4]}, {"from": "latent:notes.txt", "rows": [5]}]}]}
            """), [
            "cast.json:1:34: defaults.models.face: face model 'models/none.safetensors' does not exist; fix the path (relative paths start at the manifest's folder)",
            "cast.json:3:29: characters[0].spriteMixes[0].from: latent file 'gone.npy' does not exist; fix the path (relative paths start at the manifest's folder)",
            "cast.json:4:29: characters[0].spriteMixes[2].from: image 'ref.png' does not exist; fix the path (relative paths start at the manifest's folder)",
            "cast.json:4:69: characters[0].spriteMixes[3].from: 'prest:villain' is not a latent source (did you mean 'preset:'?); write \"preset:NAME\", \"seed:N\", \"latent:FILE.npy\" or \"image:FILE.png\"",
            "cast.json:5:29: characters[0].spriteMixes[4].from: \"preset:\" needs a preset name, e.g. \"preset:villain\"",
            "cast.json:5:63: characters[0].spriteMixes[5].from: a latent is a NumPy .npy file of w; 'notes.txt' does not end in .npy",
        ])
    }

    func testTemplatesMustBeAnExistingFolder() throws {
        try folder.write(Array("x".utf8), to: "file.txt")
        XCTAssertEqual(folder.errors(#"{"defaults": {"templates": "mine"}, "characters": [{"name": "A", "seed": 1}]}"#), [
            "cast.json:1:28: defaults.templates: templates folder 'mine' does not exist; fix the path (relative paths start at the manifest's folder)",
        ])
        XCTAssertEqual(folder.errors(#"{"defaults": {"templates": "file.txt"}, "characters": [{"name": "A", "seed": 1}]}"#), [
            "cast.json:1:28: defaults.templates: templates folder 'file.txt' is a file, not a folder; fix the path (relative paths start at the manifest's folder)",
        ])
    }

    func testRequiredKeysFaceSlotsAndDuplicateKeys() {
        XCTAssertEqual(folder.errors("""
            {"characters": [
              {"seed": 1, "seed": 2},
              {"name": "B", "seed": 3, "faces": ["happy", "sad"]},
              {"name": "C", "seed": 4, "spriteMixes": [{"rows": [0]}],
               "faces": ["neutral", {"expression": "neutral", "rows": [6]}, {"rows": [1]}, 5, "", "a", "b", "c"]}
            ]}
            """), [
            "cast.json:2:3: characters[0]: needs 'name' (the character's display name, also the actor's name)",
            "cast.json:2:15: characters[0].seed: the key appears twice in one object; keep only one (which one counts is not defined)",
            "cast.json:3:37: characters[1].faces: must list exactly 8 face slots (faceIndex 0-7), not 2",
            "cast.json:4:44: characters[2].spriteMixes[0]: needs 'from' (where the latent comes from: \"preset:NAME\", \"seed:N\", \"latent:FILE.npy\" or \"image:FILE.png\")",
            "cast.json:5:59: characters[2].faces[1].rows: a neutral face mixes nothing; remove it or name an expression",
            "cast.json:5:65: characters[2].faces[2]: needs 'expression' (an expression preset name, or \"neutral\")",
            "cast.json:5:80: characters[2].faces[3]: must be an expression name such as \"happy\", or {\"expression\": \"happy\", \"rows\": [6]}, not 5",
            "cast.json:5:83: characters[2].faces[4]: needs an expression name, e.g. \"happy\" or \"neutral\"",
        ])
    }

    func testDuplicateNamesFileNamesAndActorIDs() {
        XCTAssertEqual(folder.errors("""
            {"characters": [
              {"name": "Aria", "seed": 1, "actorId": 2},
              {"name": "Bram", "seed": 2, "actorId": 2},
              {"name": "Aria", "seed": 3},
              {"name": "ARIA", "seed": 4},
              {"name": "Cy", "fileName": "bram", "seed": 5}
            ]}
            """), [
            "cast.json:3:42: characters[1].actorId: actorId 2 is used twice; each character needs its own actor (also at line 2, characters[0])",
            "cast.json:4:12: characters[2].name: the name 'Aria' is used twice; give each character its own (also at line 2, characters[0])",
            "cast.json:5:12: characters[3].name: the file name 'ARIA' clashes, ignoring case, with 'Aria'; set a different \"fileName\" (also at line 2, characters[0])",
            "cast.json:6:30: characters[4].fileName: the file name 'bram' clashes, ignoring case, with 'Bram'; set a different \"fileName\" (also at line 3, characters[1])",
        ])
    }

    func testNamesFollowTheExportersRule() {
        // Names that show nothing are refused as empty, whatever the invisible character; names
        // that make one file on a case-folding system clash; what json-c makes of a lone
        // surrogate (U+FFFD) is replaced in the file name.
        XCTAssertEqual(folder.errors(#"""
            {"characters": [
              {"name": "\u00a0", "seed": 1},
              {"name": "\u200b", "seed": 2},
              {"name": "ß", "seed": 3},
              {"name": "SS", "seed": 4}
            ]}
            """#), [
            "cast.json:2:12: characters[0].name: must not be empty or only invisible characters",
            "cast.json:3:12: characters[1].name: must not be empty or only invisible characters",
            "cast.json:5:12: characters[3].name: the file name 'SS' clashes, ignoring case, with 'ß'; set a different \"fileName\" (also at line 4, characters[2])",
        ])
        let manifest = try? folder.load(#"{"characters": [{"name": "a\ud800b", "seed": 1}]}"#)
        XCTAssertEqual(manifest?.characters.first?.fileName, "a_b")
    }

    func testUnsafeFileNamesAndLevelOrder() {
        XCTAssertEqual(folder.errors("""
            {"defaults": {"actor": {"maxLevel": 20}},
             "characters": [
              {"name": "A", "fileName": "$../x", "seed": 1},
              {"name": "???", "seed": 2},
              {"name": "B", "seed": 3, "actor": {"initialLevel": 30}}
            ]}
            """), [
            "cast.json:3:29: characters[0].fileName: '$../x' is not a safe file name on every system games ship to; use '_.._x'",
            "cast.json:4:12: characters[1].name: gives no usable file name; add \"fileName\" with letters or digits",
            "cast.json:5:54: characters[2].actor.initialLevel: initialLevel 30 is above maxLevel 20; lower it or raise maxLevel",
        ])
    }

    func testTopLevelShapes() {
        XCTAssertEqual(folder.errors("[1, 2]"), [
            "cast.json:1:1: (top level): must be an object { ... }, not a list",
        ])
        XCTAssertEqual(folder.errors("{}"), [
            "cast.json:1:1: (top level): needs 'characters' (a list with one entry per character)",
        ])
        XCTAssertEqual(folder.errors("{\"characters\": []}"), [
            "cast.json:1:16: characters: lists no characters; add at least one",
        ])
    }

    func testErrorsFormatAsLinesInFileOrder() {
        let errors = ManifestErrors(file: "f.json", problems: [
            ManifestProblem(position: SourcePosition(line: 9, column: 1), message: "c"),
            ManifestProblem(position: SourcePosition(line: 2, column: 5), message: "b"),
            ManifestProblem(position: SourcePosition(line: 2, column: 5), message: "b2"),
            ManifestProblem(position: SourcePosition(line: 2, column: 1), message: "a"),
        ])
        XCTAssertEqual(errors.description, "f.json:2:1: a\nf.json:2:5: b\nf.json:2:5: b2\nf.json:9:1: c")
    }

    func testNearestNameNeedsACloseMatch() {
        XCTAssertEqual(NearestName.suggestion(for: "Seed", among: ["name", "seed"]), "seed")
        XCTAssertEqual(NearestName.suggestion(for: "projectionStep", among: CharacterSpec.keys), "projectionSteps")
        XCTAssertEqual(NearestName.suggestion(for: "spritemix", among: CharacterSpec.keys), "spriteMixes")
        XCTAssertEqual(NearestName.suggestion(for: "sprites", among: CharacterSpec.keys), nil)
        XCTAssertEqual(NearestName.suggestion(for: "sede", among: CharacterSpec.keys), "seed", "a swap of neighbours is one edit")
        XCTAssertEqual(NearestName.suggestion(for: "xyz", among: CharacterSpec.keys), nil)
        XCTAssertEqual(NearestName.editDistance(Array("kitten"), Array("sitting")), 3)
        XCTAssertEqual(NearestName.editDistance([], Array("abc")), 3)
        XCTAssertEqual(NearestName.editDistance(Array("abcd"), Array("badc")), 2)
    }
}

/// The README's error example is what the parser says.
final class ReadmeErrorExampleTests: XCTestCase {
    func testReadmeErrorExampleMatches() throws {
        let readme = try String(contentsOfFile: sampleProjectRoot + "/../README.md", encoding: .utf8)
        let manifest = try readmeBlock("jsonc", after: "once the models are known. For example, this manifest", in: readme)
        let output = try readmeBlock("text", after: "", in: readme, from: manifest.end)
        let folder = try ManifestFolder()
        defer { folder.remove() }
        XCTAssertEqual(folder.errors(manifest.text).joined(separator: "\n") + "\n", output.text)
    }
}

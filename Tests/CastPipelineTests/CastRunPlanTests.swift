import CastManifest
@testable import CastPipeline
import Foundation
import StyleCastIO
@testable import StyleCastProject
import XCTest

/// Each fact of a cast worked out once and passed down: the project opened and its Actors.json
/// parsed once, one record of what StyleCast wrote (and the two of earlier versions honoured),
/// and the preview told which sheet a character's actor shows.
/// (An extension of `CastRunTests`, whose class teardown removes the tiny models.)
extension CastRunTests {
    func testARunParsesActorsJSONOnce() throws {
        scratch.remove()
        scratch = try ScratchProject(small: true)
        var dryRun = scratch.options(force: false)
        dryRun.dryRun = true
        for (what, options) in [("first run", scratch.options()), ("unchanged run", scratch.options(force: false)), ("dry run", dryRun)] {
            let before = ActorsTable.parses.value
            try scratch.cast(options)
            XCTAssertEqual(ActorsTable.parses.value - before, 1, what)
        }
    }

    func testACastKeepsOneRecordOfTheFilesItWrote() throws {
        scratch.remove()
        scratch = try ScratchProject(small: true)
        let report = try scratch.cast()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.root + "/.stylecast").sorted(),
                       ["cast-stages", "lock", "record.json"])
        let record = try RPGMakerProject(at: scratch.root).record
        XCTAssertEqual(Set(record.files.keys), Set(report.characters.flatMap(\.files)))
        XCTAssertEqual(record.fingerprints.count, 3, "each character's two files carry its art's fingerprint")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.root + "/.stylecast/cast-stages").count, 3)
    }

    /// A project cast by the version that kept written.json and cast-record.json: an unchanged
    /// manifest changes nothing and writes no file, files the old record does not vouch for are
    /// still refused, and the first run that changes something moves the record to record.json.
    func testAProjectCastByTheEarlierVersionRerunsUnchangedAndStaysProtected() throws {
        scratch.remove()
        scratch = try ScratchProject(small: true)
        let first = try scratch.cast()
        try scratch.keepRecordAsTheEarlierVersionDid(files: Dictionary(uniqueKeysWithValues: first.characters.map { ($0.name, $0.files) }))
        let stamps = try scratch.stamps()

        let again = try scratch.cast(scratch.options(force: false))
        XCTAssertTrue(again.characters.allSatisfy { $0.status == .upToDate && $0.reason == "inputs unchanged" })
        XCTAssertTrue(again.lines.contains("Nothing changed: every file is already what the manifest makes."))
        let lock = "Sample/.stylecast/lock"
        XCTAssertEqual(try scratch.stamps().filter { $0.key != lock }, stamps.filter { $0.key != lock }, "an unchanged run wrote a file")

        // A hand-edited face set is not StyleCast's any more: remaking its character needs --force.
        var edited = try PNG.read(path: scratch.root + "/img/faces/Newt.png")
        edited[3, 3] = (255, 0, 0, 255)
        try Data(PNG.encode(edited)).write(to: URL(fileURLWithPath: scratch.root + "/img/faces/Newt.png"))
        XCTAssertThrowsError(try scratch.cast(scratch.options(force: false))) { error in
            XCTAssertTrue("\(error)".contains("will not overwrite files StyleCast did not write") && "\(error)".contains("img/faces/Newt.png"), "\(error)")
        }

        try scratch.editManifest { $0.replacingOccurrences(of: "\"seed\": 2,", with: "\"seed\": 3,") }
        var options = scratch.options(force: true)
        options.only = ["Newt"]
        let changed = try scratch.cast(options)
        XCTAssertEqual(Set(changed.written), ["img/characters/$Newt.png", "img/faces/Newt.png"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.root + "/.stylecast").sorted(),
                       ["cast-stages", "lock", "record.json"])
        let rerun = try scratch.cast(scratch.options(force: false))
        XCTAssertTrue(rerun.characters.allSatisfy { $0.status == .upToDate }, "\(rerun.lines)")
        XCTAssertEqual(rerun.written, [])
    }

    /// The preview finds a character's actor by the sheet and block it is told the actor shows.
    func testThePreviewIsToldWhichSheetTheActorShows() throws {
        let manifest = try CastManifest.parse(Array(#"{"characters": [{"name": "Aria", "seed": 1}]}"#.utf8), file: "cast.json", folder: "/")
        let actors = try ActorsTable(parsing: Array(#"""
            [null,
            {"id":1,"characterName":"Party","characterIndex":5,"faceName":"Aria","faceIndex":0,"name":"Aria"},
            {"id":2,"characterName":"$Aria","characterIndex":0,"faceName":"Aria","faceIndex":0,"name":"Aria"}]
            """#.utf8), file: "Actors.json")
        let models = try CastModels(spritePath: TinyModels.folder + "/sprite.safetensors", facePath: TinyModels.folder + "/face.safetensors",
                                    presetsPath: TinyModels.folder + "/presets/index.json")
        let art = try CharacterArt(walkSheet: RGBAImage(width: 144, height: 192), faces: Array(repeating: RGBAImage(width: 144, height: 144), count: 8))
        let artwork = CharacterArtwork(art: art, stages: CharacterStage.allCases.map { _ in RGBAImage(width: 4, height: 4) })
        func actorID(showing sheet: ActorArt) -> Int {
            CastPreviewContent.character(manifest.characters[0], artwork: artwork, shows: sheet, actors: actors, models: models).actorId
        }
        XCTAssertEqual(actorID(showing: ActorArt(characterName: "Party", characterIndex: 5, faceName: "Aria", faceIndex: 0)), 1)
        XCTAssertEqual(actorID(showing: ActorArt(ownSheetNamed: "Aria")), 2)
    }
}

extension ScratchProject {
    /// Replaces record.json with the two files the version before it kept: written.json (path ->
    /// SHA-256) and cast-record.json (per character, by name: fingerprint, path -> SHA-256).
    func keepRecordAsTheEarlierVersionDid(files byCharacter: [String: [String]]) throws {
        let record = try RPGMakerProject(at: root).record
        func hashes(_ paths: [String]) -> JSONValue {
            .object(JSONObject(paths.sorted().map { (key: $0, value: .string(record.files[$0]!.sha256)) }))
        }
        let written: JSONValue = ["version": 1, "files": hashes(Array(record.files.keys))]
        let characters = byCharacter.keys.sorted().map { name -> (key: String, value: JSONValue) in
            (key: name, value: ["art": .string(record.files[byCharacter[name]![0]]!.fingerprint!), "files": hashes(byCharacter[name]!)])
        }
        let cast: JSONValue = ["format": "stylecast-cast-record/1", "characters": .object(JSONObject(characters))]
        let layout = JSONLayout(shape: .compact, trailingNewline: true)
        try JSONDocument(root: written, layout: layout).write(to: root + "/.stylecast/written.json")
        try JSONDocument(root: cast, layout: layout).write(to: root + "/.stylecast/cast-record.json")
        try FileManager.default.removeItem(atPath: root + "/.stylecast/record.json")
    }
}

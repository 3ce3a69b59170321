import CastManifest
import CastPipeline
import Foundation
import StyleCastIO
import StyleCastProject
import StyleGAN
import XCTest

/// `stylecast cast` end to end on scratch copies of the sample project with tiny random models.
final class CastRunTests: XCTestCase {
    var scratch: ScratchProject!

    override func setUpWithError() throws {
        scratch = try ScratchProject()
    }

    override func tearDown() {
        scratch?.remove()
    }

    override class func tearDown() {
        try? FileManager.default.removeItem(atPath: TinyModels.folder)
    }

    /// Name, file name and actor id of the sample cast's characters.
    let cast: [(name: String, file: String, actor: Int)] = [
        ("Aria", "Aria", 1), ("Bram", "Bram", 2), ("Cyra", "Cyra", 3), ("Dorn", "Dorn", 4),
        ("Malvek", "Malvek", 5), ("Elder Oswin", "Oswin", 6), ("Pip", "Pip", 7), ("Sela", "Sela", 8),
    ]

    func testSampleCastLandsInTheProjectLayoutAndChangesOnlyWhatItNames() throws {
        let before = try scratch.gameFiles()
        let report = try scratch.cast()

        XCTAssertEqual(report.characters.map(\.name), cast.map(\.name))
        XCTAssertTrue(report.characters.allSatisfy { $0.status == .made })
        var ours: Set<String> = ["data/Actors.json"]
        for character in cast {
            let sheet = try PNG.read(path: scratch.root + "/img/characters/$\(character.file).png")
            let faces = try PNG.read(path: scratch.root + "/img/faces/\(character.file).png")
            XCTAssertEqual([sheet.width, sheet.height, faces.width, faces.height], [144, 192, 576, 288], character.name)
            ours.insert("img/characters/$\(character.file).png")
            ours.insert("img/faces/\(character.file).png")
        }
        let after = try scratch.gameFiles()
        XCTAssertEqual(Set(after.keys), Set(before.keys).union(ours))
        for (path, bytes) in before where !ours.contains(path) {
            XCTAssertEqual(after[path], bytes, "\(path) must not change")
        }

        let original = try ActorsTable(contentsOfFile: sampleProjectRoot + "/data/Actors.json")
        let actors = try ActorsTable(contentsOfFile: scratch.root + "/data/Actors.json")
        for character in cast {
            let actor = try XCTUnwrap(actors.actor(id: character.actor), character.name)
            XCTAssertEqual(actor["name"]?.stringValue, character.name)
            XCTAssertEqual(actor["characterName"]?.stringValue, "$" + character.file)
            XCTAssertEqual(actor["faceName"]?.stringValue, character.file)
            XCTAssertEqual(actor["faceIndex"]?.intValue, 0)
        }
        XCTAssertNil(actors.actor(id: 9))
        XCTAssertEqual(actors.actor(id: 1)?["nickname"]?.stringValue, "the Bright")
        XCTAssertEqual(actors.actor(id: 4)?["initialLevel"]?.intValue, 3)
        XCTAssertEqual(actors.actor(id: 6)?["maxLevel"]?.intValue, 40)
        // Existing actors keep every field the manifest does not own.
        let owned: Set<String> = ["characterName", "characterIndex", "faceName", "faceIndex", "name", "nickname",
                                  "profile", "classId", "initialLevel", "maxLevel", "note"]
        for id in 1...4 {
            let old = try XCTUnwrap(original.actor(id: id)), new = try XCTUnwrap(actors.actor(id: id))
            XCTAssertEqual(new.keys, old.keys)
            for key in old.keys where !owned.contains(key) { XCTAssertEqual(new[key], old[key], "actor \(id).\(key)") }
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: scratch.previewFolder + "/index.html"))
        XCTAssertEqual(report.previewIndex, scratch.previewFolder + "/index.html")
    }

    func testRerunChangesNothingAndOneEditRemakesOnlyThatCharacter() throws {
        scratch.remove()
        scratch = try ScratchProject(small: true)
        try scratch.cast()
        let first = try scratch.snapshot()

        let again = try scratch.cast(scratch.options(force: false))
        XCTAssertEqual(again.written, [])
        XCTAssertTrue(again.characters.allSatisfy { $0.status == .upToDate })
        XCTAssertTrue(again.lines.contains("Nothing changed: every file is already what the manifest makes."))
        XCTAssertTrue(try scratch.snapshot() == first, "a rerun changed files")

        try scratch.editManifest { $0.replacingOccurrences(of: "\"seed\": 2,", with: "\"seed\": 3,") }
        let edited = try scratch.cast(scratch.options(force: false))
        XCTAssertEqual(edited.characters.filter { $0.status == .made }.map(\.name), ["Newt"])
        XCTAssertEqual(edited.characters.first { $0.name == "Newt" }?.reason, "inputs changed")
        XCTAssertEqual(Set(edited.written), ["img/characters/$Newt.png", "img/faces/Newt.png"])
        let second = try scratch.snapshot()
        let changed = first.keys.filter { second[$0] != first[$0] }.sorted()
        XCTAssertEqual(changed.filter { !$0.hasPrefix(".stylecast/") },
                       ["cast.json", "img/characters/$Newt.png", "img/faces/Newt.png"])

        // An actor field alone rewrites the actor, not the art.
        try scratch.editManifest { $0.replacingOccurrences(of: "\"nickname\": \"Coins\"", with: "\"nickname\": \"Two Coins\"") }
        let renamed = try scratch.cast(scratch.options(force: false))
        XCTAssertTrue(renamed.characters.allSatisfy { $0.status == .upToDate })
        XCTAssertEqual(renamed.written, ["data/Actors.json"])
        XCTAssertEqual(try ActorsTable(contentsOfFile: scratch.root + "/data/Actors.json").actor(id: 5)?["nickname"]?.stringValue, "Two Coins")
    }

    func testAnMZProjectGetsItsFaceAndTileSizesAndASizeChangeRewritesWithoutRemaking() throws {
        scratch.remove()
        scratch = try ScratchProject(small: true)
        try scratch.makeMZ(faceSize: 96, tileSize: 32)
        let small = try scratch.cast()
        XCTAssertEqual(small.engine, "RPG Maker MZ")
        let files = ["Aria", "Newt", "Pip"].flatMap { ["img/characters/$\($0).png", "img/faces/\($0).png"] }
        for path in files {
            let image = try PNG.read(path: scratch.root + "/" + path)
            XCTAssertEqual([image.width, image.height], path.hasPrefix("img/faces/") ? [384, 192] : [96, 128], path)
        }

        // The project's sizes are not the art's inputs: back at MZ's defaults, the same art is
        // written again at 144 and 48 without being made again.
        try scratch.makeMZ(faceSize: 144, tileSize: 48)
        let standard = try scratch.cast(scratch.options(force: false))
        XCTAssertTrue(standard.characters.allSatisfy { $0.status == .upToDate })
        XCTAssertEqual(Set(standard.written), Set(files))
        for path in files {
            let image = try PNG.read(path: scratch.root + "/" + path)
            XCTAssertEqual([image.width, image.height], path.hasPrefix("img/faces/") ? [576, 288] : [144, 192], path)
        }
        XCTAssertEqual(try scratch.cast(scratch.options(force: false)).written, [])
    }

    /// An unchanged manifest writes no file: nothing in the project or the preview gets a new
    /// inode or time, only the lock its pid.
    func testANoOpRerunWritesNoFile() throws {
        scratch.remove()
        scratch = try ScratchProject(small: true)
        try scratch.cast()
        let bytes = try scratch.snapshot(of: scratch.folder), stamps = try scratch.stamps()

        let again = try scratch.cast(scratch.options(force: false))
        XCTAssertEqual(again.written, [])
        let lock = "Sample/.stylecast/lock"
        XCTAssertEqual(try scratch.stamps().filter { $0.key != lock }, stamps.filter { $0.key != lock })
        XCTAssertTrue(try scratch.snapshot(of: scratch.folder).filter { $0.key != lock } == bytes.filter { $0.key != lock })
    }

    /// An actor field alone rewrites Actors.json and the page, and encodes no image again: files
    /// the records vouch for that hold the art's pixels are kept as they are. Here they are the
    /// same pixels at another compression, which any new encoding would have replaced.
    func testAnActorFieldEditEncodesNoImageAgain() throws {
        scratch.remove()
        scratch = try ScratchProject(small: true)
        try scratch.cast()
        let face = "Sample/img/faces/Newt.png", previewStage = "Sample-preview/images/02-stage-05.png"
        let faceBytes = try PNG.encode(PNG.read(path: scratch.folder + "/" + face), compression: .fastest)
        try scratch.substitute(faceBytes, at: face, records: ["Sample/.stylecast/record.json"])
        let previewBytes = try PNG.encode(PNG.read(path: scratch.folder + "/" + previewStage), compression: .fastest)
        try scratch.substitute(previewBytes, at: previewStage, records: ["Sample-preview/images/.cast-preview-files"])
        let stamps = try scratch.stamps()

        try scratch.editManifest { $0.replacingOccurrences(of: "\"nickname\": \"Coins\"", with: "\"nickname\": \"Two Coins\"") }
        let renamed = try scratch.cast(scratch.options(force: false))
        XCTAssertTrue(renamed.characters.allSatisfy { $0.status == .upToDate })
        XCTAssertEqual(renamed.written, ["data/Actors.json"])
        XCTAssertEqual(try ActorsTable(contentsOfFile: scratch.root + "/data/Actors.json").actor(id: 5)?["nickname"]?.stringValue, "Two Coins")
        XCTAssertEqual(try scratch.snapshot(of: scratch.folder)[face], faceBytes)
        XCTAssertEqual(try scratch.snapshot(of: scratch.folder)[previewStage], previewBytes)
        let changed = try scratch.stamps().filter { stamps[$0.key] != $0.value }.keys.sorted()
        XCTAssertEqual(changed, ["Sample-preview/index.html", "Sample/.stylecast/lock", "Sample/cast.json", "Sample/data/Actors.json"])
    }

    /// A project or preview file that is not what the run would write is written again.
    func testTamperedFilesAreWrittenAgain() throws {
        scratch.remove()
        scratch = try ScratchProject(small: true)
        try scratch.cast()
        let lock = "Sample/.stylecast/lock"
        let made = try scratch.snapshot(of: scratch.folder).filter { $0.key != lock }
        func restored() throws -> Bool { try scratch.snapshot(of: scratch.folder).filter { $0.key != lock } == made }
        func tamper(_ path: String, with bytes: [UInt8]) throws {
            try Data(bytes).write(to: URL(fileURLWithPath: scratch.folder + "/" + path))
        }
        // The preview: garbage, the same pixels in other bytes, a missing image, an edited page.
        try tamper("Sample-preview/images/01-walk.png", with: Array("not a picture".utf8))
        let stage = "Sample-preview/images/02-stage-03.png"
        try tamper(stage, with: PNG.encode(PNG.read(path: scratch.folder + "/" + stage), compression: .fastest))
        try FileManager.default.removeItem(atPath: scratch.previewFolder + "/images/03-faces.png")
        try tamper("Sample-preview/index.html", with: Array("<p>mine</p>".utf8))
        XCTAssertEqual(try scratch.cast(scratch.options(force: false)).written, [])
        XCTAssertTrue(try restored(), "the preview was not written again")

        // The project: an edited face set is written again with --force.
        var edited = try PNG.read(path: scratch.root + "/img/faces/Aria.png")
        edited[3, 3] = (255, 0, 0, 255)
        try tamper("Sample/img/faces/Aria.png", with: PNG.encode(edited))
        var options = scratch.options(force: true)
        options.only = ["Aria"]
        XCTAssertEqual(try scratch.cast(options).written, ["img/faces/Aria.png"])
        XCTAssertTrue(try restored(), "the face set was not written again")
    }

    /// A new MZ face size rewrites the face sets, at that size, and leaves the walk sheets alone.
    func testAnMZFaceSizeChangeRewritesOnlyTheFaces() throws {
        scratch.remove()
        scratch = try ScratchProject(small: true)
        try scratch.makeMZ(faceSize: 96, tileSize: 32)
        try scratch.cast()
        let stamps = try scratch.stamps()

        try scratch.makeMZ(faceSize: 120, tileSize: 32)
        let report = try scratch.cast(scratch.options(force: false))
        XCTAssertTrue(report.characters.allSatisfy { $0.status == .upToDate })
        XCTAssertEqual(Set(report.written), ["img/faces/Aria.png", "img/faces/Newt.png", "img/faces/Pip.png"])
        for name in ["Aria", "Newt", "Pip"] {
            let faces = try PNG.read(path: scratch.root + "/img/faces/\(name).png")
            XCTAssertEqual([faces.width, faces.height], [480, 240], name)
            XCTAssertEqual(try scratch.stamps()["Sample/img/characters/$\(name).png"], stamps["Sample/img/characters/$\(name).png"], name)
        }
    }

    func testSameInputsGiveByteIdenticalFilesWithAnyNumberOfJobs() throws {
        scratch.remove()
        scratch = try ScratchProject(small: true)
        try scratch.cast(scratch.options(jobs: 1))
        let other = try ScratchProject(small: true)
        defer { other.remove() }
        try other.cast(other.options(jobs: 3))
        XCTAssertTrue(try other.gameFiles() == scratch.gameFiles(), "files differ between 1 and 3 jobs")
        XCTAssertTrue(try other.snapshot(of: other.previewFolder + "/images") == scratch.snapshot(of: scratch.previewFolder + "/images"),
                      "preview images differ between 1 and 3 jobs")
    }

    func testDryRunWritesNothingAndSaysWhatWouldChange() throws {
        scratch.remove()
        scratch = try ScratchProject(small: true)
        var options = scratch.options(force: false)
        options.dryRun = true
        let untouched = try scratch.snapshot(of: scratch.folder)
        let report = try scratch.cast(options)
        XCTAssertTrue(report.characters.allSatisfy { $0.status == .wouldMake })
        XCTAssertEqual(try scratch.snapshot(of: scratch.folder), untouched)

        try scratch.cast()
        try scratch.editManifest { $0.replacingOccurrences(of: "\"seed\": 12,", with: "\"seed\": 13,") }
        let cast = try scratch.snapshot(of: scratch.folder)
        let edited = try scratch.cast(options)
        XCTAssertEqual(edited.characters.filter { $0.status == .wouldMake }.map(\.name), ["Pip"])
        XCTAssertEqual(edited.characters.filter { $0.status == .wouldKeep }.map(\.name), ["Aria", "Newt"])
        XCTAssertTrue(try scratch.snapshot(of: scratch.folder) == cast, "a dry run wrote files")
    }

    func testEveryManifestProblemIsReportedWithItsPositionBeforeAnythingIsWritten() throws {
        try scratch.editManifest {
            $0.replacingOccurrences(of: "{\"from\": \"preset:heroine\", \"rows\": \"0-5\"}", with: "{\"from\": \"preset:heroin\", \"rows\": \"0-5\"}")
                .replacingOccurrences(of: "\"rows\": [6, 7, 8, 9], \"mode\": \"replace\"", with: "\"rows\": [6, 7, 8, 12], \"mode\": \"replace\"")
                .replacingOccurrences(of: "image:reference/Dorn-walk.png", with: "image:img/characters/$Aria.png")
        }
        let untouched = try scratch.snapshot(of: scratch.folder)
        let text = try String(contentsOfFile: scratch.manifest, encoding: .utf8)
        /// "cast.json:LINE:COLUMN" of the first `needle` in the manifest.
        func at(_ needle: String) -> String {
            let lines = text.components(separatedBy: "\n")
            let line = lines.firstIndex { $0.contains(needle) }!
            return "cast.json:\(line + 1):\(lines[line].range(of: needle)!.lowerBound.utf16Offset(in: lines[line]) + 1)"
        }
        XCTAssertThrowsError(try scratch.cast()) { error in
            guard let errors = error as? ManifestErrors else { return XCTFail("\(error)") }
            let lines = errors.lines.map { $0.replacingOccurrences(of: scratch.root + "/", with: "") }
            XCTAssertEqual(lines.count, 3, "\(lines)")
            XCTAssertTrue(lines[0].hasPrefix(at("\"preset:heroin\"") + ": preset 'heroin' is not in the presets index for the sprite model"), lines[0])
            XCTAssertTrue(lines[0].hasSuffix("(did you mean 'heroine'?)"), lines[0])
            XCTAssertTrue(lines[1].hasPrefix(at("[6, 7, 8, 12]") + ": rows: row 12 is out of range for the sprite model, whose rows are 0-9"), lines[1])
            XCTAssertTrue(lines[2].hasPrefix(at("\"image:img/characters/$Aria.png\"") + ": image '") && lines[2].contains("is one of the files this cast writes (Aria's art)"), lines[2])
        }
        XCTAssertTrue(try scratch.snapshot(of: scratch.folder) == untouched, "files were written")
    }

    func testAnInterruptionBeforeOrDuringTheCommitLeavesTheProjectAsItWas() throws {
        scratch.remove()
        scratch = try ScratchProject(small: true)
        let before = try scratch.gameFiles()
        for moment in ["a character finished", "writing the project"] {
            let cancellation = CancellationFlag()
            XCTAssertThrowsError(try scratch.cast(cancellation: cancellation) { event in
                switch event {
                case .characterFinished where moment == "a character finished": cancellation.cancel()
                case .writingProject where moment == "writing the project": cancellation.cancel()
                default: break
                }
            }, moment) { XCTAssertTrue($0 is CastInterrupted, "\($0)") }
            XCTAssertTrue(try scratch.gameFiles() == before, "files changed after an interruption at: \(moment)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.previewFolder), moment)
        }
        // The next run goes through as if nothing had happened.
        let report = try scratch.cast()
        XCTAssertTrue(report.characters.allSatisfy { $0.status == .made })
    }

    func testOnlyMakesTheNamedCharactersAndRejectsUnknownNames() throws {
        scratch.remove()
        scratch = try ScratchProject(small: true)
        try scratch.cast()
        let first = try scratch.gameFiles()
        try scratch.editManifest {
            $0.replacingOccurrences(of: "\"seed\": 12,", with: "\"seed\": 13,").replacingOccurrences(of: "\"seed\": 2,", with: "\"seed\": 3,")
        }
        var options = scratch.options(force: false)
        options.only = ["Pip"]
        let report = try scratch.cast(options)
        XCTAssertEqual(report.characters.map(\.name), ["Pip"])
        XCTAssertEqual(Set(report.written), ["img/characters/$Pip.png", "img/faces/Pip.png"])
        XCTAssertEqual(try scratch.gameFiles()["img/characters/$Newt.png"], first["img/characters/$Newt.png"])

        options.only = ["Pipp"]
        XCTAssertThrowsError(try scratch.cast(options)) { error in
            XCTAssertTrue("\(error)".contains("did you mean 'Pip'?"), "\(error)")
        }
    }

    func testFilesStyleCastDidNotWriteStopTheRunBeforeAnyArtIsMade() throws {
        scratch.remove()
        scratch = try ScratchProject(small: true)
        let untouched = try scratch.gameFiles()
        var options = scratch.options(force: false)
        options.dryRun = true
        XCTAssertEqual(try scratch.cast(options).refusedWithoutForce, ["img/characters/$Aria.png"])

        options.dryRun = false
        let events = Collected<CastEvent>()
        XCTAssertThrowsError(try scratch.cast(options, events: events.append)) { error in
            XCTAssertTrue("\(error)".contains("will not overwrite files StyleCast did not write") && "\(error)".contains("$Aria.png"), "\(error)")
        }
        XCTAssertTrue(events.all.isEmpty, "no art is made before the refusal")
        XCTAssertTrue(try scratch.gameFiles() == untouched, "files were written")
    }

    func testLinkedFoldersStopTheRunBeforeAnyArtIsMadeAndNothingOutsideIsTouched() throws {
        scratch.remove()
        scratch = try ScratchProject(small: true)
        try scratch.cast()
        let other = scratch.folder + "/other"
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        try Data("someone else's".utf8).write(to: URL(fileURLWithPath: other + "/keep.txt"))
        let stages = scratch.root + "/.stylecast/cast-stages"
        try FileManager.default.removeItem(atPath: stages)
        try FileManager.default.createSymbolicLink(atPath: stages, withDestinationPath: other)
        let untouched = try scratch.gameFiles()

        for dryRun in [false, true] {
            var options = scratch.options()
            options.dryRun = dryRun
            let events = Collected<CastEvent>()
            XCTAssertThrowsError(try scratch.cast(options, events: events.append)) { error in
                XCTAssertTrue("\(error)".contains(stages) && "\(error)".contains("link"), "\(error)")
            }
            XCTAssertTrue(events.all.isEmpty, "no art is made before the refusal")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: other), ["keep.txt"])
            XCTAssertTrue(try scratch.gameFiles() == untouched, "files were written")
        }

        // The same for a folder the art goes to.
        try FileManager.default.removeItem(atPath: stages)
        let faces = scratch.root + "/img/faces"
        try FileManager.default.moveItem(atPath: faces, toPath: other + "/faces")
        try FileManager.default.createSymbolicLink(atPath: faces, withDestinationPath: other + "/faces")
        try FileManager.default.removeItem(atPath: other + "/faces/Aria.png") // so that the run has a file to write there
        let outsideBefore = try scratch.snapshot(of: other)
        XCTAssertThrowsError(try scratch.cast()) { error in
            XCTAssertTrue("\(error)".contains(faces) && "\(error)".contains("link"), "\(error)")
        }
        XCTAssertTrue(try scratch.snapshot(of: other) == outsideBefore, "files were written outside")
    }

    func testACharacterThatWouldTakeOverAnotherActorStopsTheRunBeforeAnyArtIsMade() throws {
        scratch.remove()
        scratch = try ScratchProject(small: true)
        // "aria" makes the file name of the sample's actor 1, Aria: one file on Windows and macOS.
        try scratch.editManifest { $0.replacingOccurrences(of: #"{"name": "Aria", "actorId": 1,"#, with: #"{"name": "aria","#) }
        let untouched = try scratch.gameFiles()
        let events = Collected<CastEvent>()
        XCTAssertThrowsError(try scratch.cast(events: events.append)) { error in
            XCTAssertTrue("\(error)".contains("the art of actor 1 (Aria)"), "\(error)")
        }
        XCTAssertTrue(events.all.isEmpty, "no art is made before the refusal")
        XCTAssertTrue(try scratch.gameFiles() == untouched, "files were written")
    }

    func testMissingDefaultModelsNameTheFileAndWhatToDo() throws {
        var options = scratch.options()
        options.shipped = ShippedModels(folder: scratch.folder + "/no-models")
        let untouched = try scratch.snapshot(of: scratch.folder)
        XCTAssertThrowsError(try scratch.cast(options)) { error in
            let error = error as? CastError
            XCTAssertEqual(error?.subject, scratch.folder + "/no-models/sprite.safetensors")
            XCTAssertTrue(error?.reason.contains("STYLECAST_MODELS") == true, "\(String(describing: error))")
        }
        XCTAssertTrue(try scratch.snapshot(of: scratch.folder) == untouched, "files were written")
    }

    func testModelsThatDrawTheWrongSizeAreRefused() throws {
        let square = try GeneratorSpec(className: GeneratorFamily.styleGAN2.rawValue, initKwargsJSON: """
            {"z_dim": 8, "c_dim": 0, "w_dim": 8, "img_resolution": 16, "img_channels": 4, "mapping_kwargs": {"num_layers": 1},
             "channel_base": 64, "channel_max": 4}
            """)
        let folder = scratch.folder + "/models"
        try StandInModels.write(to: folder, sprite: square, face: TinyModels.faceSpec)
        XCTAssertThrowsError(try CastModels(spritePath: folder + "/sprite.safetensors", facePath: folder + "/face.safetensors",
                                            presetsPath: folder + "/presets/index.json")) { error in
            XCTAssertTrue("\(error)".contains("must draw RGBA walk sheets of 144x192"), "\(error)")
        }
        try StandInModels.write(to: folder, sprite: TinyModels.spriteSpec, face: square)
        XCTAssertThrowsError(try CastModels(spritePath: folder + "/sprite.safetensors", facePath: folder + "/face.safetensors",
                                            presetsPath: folder + "/presets/index.json")) { error in
            XCTAssertTrue("\(error)".contains("must draw 144x144 portraits"), "\(error)")
        }
    }

    func testShippedModelsComeFromTheEnvironmentOrTheRepositoryOfTheExecutable() throws {
        XCTAssertEqual(ShippedModels(environment: ["STYLECAST_MODELS": "/opt/models/"], executable: "/x/stylecast").folder, "/opt/models")
        let repo = scratch.folder + "/repo"
        try FileManager.default.createDirectory(atPath: repo + "/models", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: repo + "/.build/release", withIntermediateDirectories: true)
        let found = ShippedModels(environment: [:], executable: repo + "/.build/release/stylecast")
        XCTAssertEqual(found.folder, URL(fileURLWithPath: repo + "/models").resolvingSymlinksInPath().path)
        XCTAssertEqual(found.path(of: .shipped("models/sprite.safetensors")), found.folder! + "/sprite.safetensors")
        XCTAssertEqual(found.path(of: .file("/mine/face.safetensors")), "/mine/face.safetensors")
        XCTAssertNil(ShippedModels(environment: [:], executable: "/").folder)
    }
}

import ArgumentParser
import Foundation
import StyleCastIO
import StyleCastProject

/// `stylecast export`: writes one character's finished art into an RPG Maker project.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a character's walk sheet, face set and actor into an RPG Maker MV or MZ project.",
        discussion: """
            The project's engine is recognised from Game.rpgproject (MV) or game.rmmzproject (MZ). \
            Files land all at once or not at all, and files StyleCast did not write are never \
            overwritten without --force. In an MZ project whose data/System.json sets another \
            faceSize or tileSize, faces and walk frames are scaled to those sizes as they are written.
            """
    )

    @Option(help: "The RPG Maker project folder.")
    var project: String

    @Option(help: "The character's name: the actor's name and (made safe) the image file names.")
    var name: String

    @Option(help: "The 144x192 walk sheet PNG (3 walk patterns across, directions down, left, right, up).")
    var sheet: String

    @Option(help: "The 576x288 face set PNG (8 faces of 144x144).")
    var faces: String

    @Option(help: "The actor to update (default: the actor already using this sheet, else a new one).")
    var actorId: Int?

    @Flag(help: "Place the character in a shared sheet of 8 (576x384 at 48-pixel frames) instead of its own $ sheet.")
    var packed = false

    @Option(help: "With --packed: the shared sheet's name (default: the character's name).")
    var packedSheet: String?

    @Option(help: "With --packed: the block (0-3 top row, 4-7 bottom row) in the shared sheet.")
    var characterIndex = 0

    @Option(help: "Which of the 8 faces (0-7) the actor shows.")
    var faceIndex = 0

    @Flag(help: "Overwrite files StyleCast did not write, or that were edited since.")
    var force = false

    @Option(help: "The actor's nickname.") var nickname: String?
    @Option(help: "The actor's profile text.") var profile: String?
    @Option(help: "The actor's class id (from data/Classes.json).") var classId: Int?
    @Option(help: "The actor's initial level (1-99).") var initialLevel: Int?
    @Option(help: "The actor's maximum level (1-99).") var maxLevel: Int?
    @Option(help: "The actor's note.") var note: String?

    func validate() throws {
        if !packed && (packedSheet != nil || characterIndex != 0) {
            throw ValidationError("--packed-sheet and --character-index only apply with --packed")
        }
    }

    func run() throws {
        do {
            let art = try CharacterArt(walkSheet: PNG.read(path: sheet), faceSet: PNG.read(path: faces),
                                       walkSheetSource: sheet, faceSetSource: faces)
            let character = CharacterExport(
                name: name, art: art,
                placement: packed ? .packed(sheetName: packedSheet ?? name, characterIndex: characterIndex) : .single,
                faceIndex: faceIndex, actorID: actorId,
                fields: ActorFields(name: name, nickname: nickname, profile: profile, classId: classId,
                                    initialLevel: initialLevel, maxLevel: maxLevel, note: note))
            let writer = try ProjectWriter(projectPath: project,
                                           options: .init(force: force, progress: TestHooks.pauseAfterFiles()))
            if writer.recoveredInterruptedRun {
                print("Rolled back an interrupted earlier run.")
            }
            let exported = try writer.add(character)
            let report = try writer.commit()
            print("\(writer.project.engine.rawValue) project \(writer.project.root)")
            print("Actor \(exported.actorID) (\(exported.actorCreated ? "new" : "updated")): \(name)")
            for path in report.written { print("  wrote     \(path)") }
            for path in report.unchanged { print("  unchanged \(path)") }
        } catch {
            // Our errors already name the file and say what to do; print them without usage text.
            FileHandle.standardError.write(Data("stylecast: error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}

/// Hooks that only tests set, through the environment.
enum TestHooks {
    /// STYLECAST_TEST_PAUSE_AFTER_FILES=N: after N files of a commit are in place, say so on
    /// stderr and wait to be killed. The crash-safety test uses it to kill a commit midway.
    static func pauseAfterFiles() -> ((Int, String) throws -> Void)? {
        guard let text = ProcessInfo.processInfo.environment["STYLECAST_TEST_PAUSE_AFTER_FILES"],
              let count = Int(text) else { return nil }
        return { committed, _ in
            guard committed == count else { return }
            FileHandle.standardError.write(Data("stylecast: test pause after \(count) files\n".utf8))
            while true { sleep(60) }
        }
    }
}

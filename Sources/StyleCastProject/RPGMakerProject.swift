import Foundation
import StyleCastIO

/// An RPG Maker project folder, recognised by its project file: `Game.rpgproject` for MV,
/// `game.rmmzproject` for MZ, as it was when opened: its `data/Actors.json` parsed and StyleCast's
/// record read, once, for everything a run works out from them.
public struct RPGMakerProject: Equatable, Sendable {
    public let root: String
    public let engine: Engine
    /// The sizes the engine shows this project's faces and walk frames at.
    public let layouts: ArtLayouts
    /// `data/Actors.json` as read when the project was opened (edits go into a writer's workspace).
    public let actors: ActorsTable
    /// What StyleCast wrote in the project, as of opening.
    public let record: ProjectRecord
    /// The files `actors` and `record` were read from, as read: a writer that takes the lock
    /// later uses them only if they are still so.
    private let stateAsRead: StateFiles

    static let markers: [(file: String, engine: Engine)] = [
        ("Game.rpgproject", .rpgMakerMV), ("game.rmmzproject", .rpgMakerMZ),
    ]

    /// Recognises the project at `path`, reads its art sizes, parses and checks its
    /// `data/Actors.json`, and reads StyleCast's record. Reads only.
    public init(at path: String) throws {
        let root = URL(fileURLWithPath: path).standardizedFileURL.path
        guard FileSystem.isDirectory(root) else {
            throw ProjectError(subject: root, reason: "is not a folder; give the folder of an RPG Maker MV or MZ project")
        }
        let found = Self.markers.filter { FileSystem.exists(root + "/" + $0.file) }
        guard let engine = found.first?.engine else {
            throw ProjectError(subject: root, reason: "is not an RPG Maker project: it has neither Game.rpgproject (MV) nor game.rmmzproject (MZ)")
        }
        guard found.count == 1 else {
            throw ProjectError(subject: root, reason: "has both Game.rpgproject (MV) and game.rmmzproject (MZ); remove the one for the engine you no longer use")
        }
        self.root = root
        self.engine = engine
        switch engine {
        case .rpgMakerMV: layouts = .standard  // MV has no size settings
        case .rpgMakerMZ: layouts = try ArtLayouts(mzSystemFile: root + "/" + ArtLayouts.systemPath)
        }
        var state = StateFiles(root: root)
        let actorsPath = root + "/" + ActorsTable.relativePath
        guard let actorsBytes = try state.read(ActorsTable.relativePath) else {
            throw ProjectError(subject: actorsPath, reason: "is missing; open the project in RPG Maker and save it to create it")
        }
        actors = try ActorsTable(parsing: actorsBytes, file: actorsPath)
        record = try ProjectRecord(reading: { try state.read($0) }, absolute: { root + "/" + $0 })
        stateAsRead = state
    }

    /// For reading; what StyleCast writes, renames or deletes goes through `writablePath`.
    public func absolutePath(_ relative: String) -> String { root + "/" + relative }

    static let stateFolderName = ".stylecast"

    /// Where StyleCast keeps its lock, record and transaction files.
    public var stateFolder: String { absolutePath(Self.stateFolderName) }

    /// `data/Actors.json` as read when the project was opened: what a commit checks the file
    /// against, so that an edit by another program is never overwritten.
    var actorsBytes: [UInt8] { stateAsRead.bytes[ActorsTable.relativePath]! ?? [] }

    /// This project as it is on disk now: itself when `data/Actors.json` and the record are
    /// still what it read, else opened again.
    func current() throws -> RPGMakerProject {
        stateAsRead.areUnchanged ? self : try RPGMakerProject(at: root)
    }

    /// Fails, naming the first linked or read-only place, unless every folder and file an
    /// export writes to can be written.
    func checkWritable() throws {
        try checkFoldersToWrite()
        for path in [root] + (Self.foldersWritten + [ActorsTable.relativePath]).map(absolutePath) {
            if FileSystem.exists(path) && access(path, W_OK) != 0 {
                throw ProjectError(subject: path, reason: "is read-only; StyleCast needs to write here (\(FileSystem.lastError()))")
            }
        }
    }
}

/// The files a project value was read from, project-relative path -> bytes (nil: no file).
private struct StateFiles: Equatable, Sendable {
    let root: String
    private(set) var bytes: [String: [UInt8]?] = [:]

    init(root: String) { self.root = root }

    mutating func read(_ relative: String) throws -> [UInt8]? {
        let path = root + "/" + relative
        let read = FileSystem.exists(path) ? try FileSystem.read(path) : nil
        bytes.updateValue(read, forKey: relative)
        return read
    }

    /// Whether every file is still as read (a file that cannot be read now is not).
    var areUnchanged: Bool {
        bytes.allSatisfy { relative, read in
            let path = root + "/" + relative
            guard FileSystem.exists(path) else { return read == nil }
            return read != nil && (try? FileSystem.read(path)) == read
        }
    }
}

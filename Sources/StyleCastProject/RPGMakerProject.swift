import Foundation
import StyleCastIO

/// An RPG Maker project folder, recognised by its project file: `Game.rpgproject` for MV,
/// `game.rmmzproject` for MZ.
public struct RPGMakerProject: Equatable, Sendable {
    public let root: String
    public let engine: Engine
    /// The sizes the engine shows this project's faces and walk frames at.
    public let layouts: ArtLayouts

    static let markers: [(file: String, engine: Engine)] = [
        ("Game.rpgproject", .rpgMakerMV), ("game.rmmzproject", .rpgMakerMZ),
    ]

    /// Recognises the project at `path`, reads its art sizes and checks that its
    /// `data/Actors.json` is readable and well-formed. Reads only.
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
        _ = try loadActors()
    }

    /// For reading; what StyleCast writes, renames or deletes goes through `writablePath`.
    public func absolutePath(_ relative: String) -> String { root + "/" + relative }

    static let stateFolderName = ".stylecast"

    /// Where StyleCast keeps its lock, record and transaction files.
    public var stateFolder: String { absolutePath(Self.stateFolderName) }

    /// Reads and checks `data/Actors.json`.
    func loadActors() throws -> ActorsTable {
        let path = absolutePath(ActorsTable.relativePath)
        guard FileSystem.exists(path) else {
            throw ProjectError(subject: path, reason: "is missing; open the project in RPG Maker and save it to create it")
        }
        return try ActorsTable(contentsOfFile: path)
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

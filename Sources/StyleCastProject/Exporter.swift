import StyleCastIO

/// The engines StyleCast can export to.
public enum Engine: String, Sendable, CaseIterable {
    case rpgMakerMV = "RPG Maker MV"
    case rpgMakerMZ = "RPG Maker MZ"
}

/// Writes one character into a project's files for one target engine. The generator and the
/// pipeline only see this protocol, so another engine's layout is one more conforming type.
public protocol Exporter: Sendable {
    var engine: Engine { get }

    /// Project-relative paths of the walk sheet and face set that `export` writes for a
    /// character named `name` with its own sheet (`SheetPlacement.single`), so that a pipeline
    /// can check those files before it makes the art.
    func ownSheetPaths(name: String) throws -> (walkSheet: String, faceSet: String)

    /// Puts `character`'s files and actor into `workspace` (nothing touches the disk until the
    /// workspace's transaction commits).
    func export(_ character: CharacterExport, into workspace: inout ExportWorkspace) throws -> ExportedCharacter
}

/// Where a character's walk block goes.
public enum SheetPlacement: Equatable, Sendable {
    /// Its own sheet of one character block, `$Name.png`.
    case single
    /// Block `characterIndex` (0...7) of the packed sheet `sheetName.png`, shared with up to 7
    /// other characters; the other blocks are kept.
    case packed(sheetName: String, characterIndex: Int)
}

/// Everything needed to export one character.
public struct CharacterExport: Sendable {
    /// The character's name; the file names are made safe from it.
    public var name: String
    public var art: CharacterArt
    public var placement: SheetPlacement
    /// Which of the 8 faces the actor shows.
    public var faceIndex: Int
    /// The actor to update; nil updates the actor already showing this sheet block, or adds one.
    public var actorID: Int?
    /// The actor's fields. A set `name` says who the character is: an export that would give
    /// another named actor's files to it is refused, unless `actorID` names that actor.
    public var fields: ActorFields

    public init(name: String, art: CharacterArt, placement: SheetPlacement = .single, faceIndex: Int = 0,
                actorID: Int? = nil, fields: ActorFields = ActorFields()) {
        self.name = name
        self.art = art
        self.placement = placement
        self.faceIndex = faceIndex
        self.actorID = actorID
        self.fields = fields
    }
}

/// What an export put where.
public struct ExportedCharacter: Equatable, Sendable {
    public var actorID: Int
    public var actorCreated: Bool
    /// Project-relative paths of the image files.
    public var files: [String]
}

/// The pending state of a project during one run: files to write (in order) and the actors
/// table as it will be. Exporters read and write here; the transaction writes it to disk.
public struct ExportWorkspace: Sendable {
    public let project: RPGMakerProject
    public var actors: ActorsTable
    public private(set) var pendingPaths: [String] = []
    /// What StyleCast wrote before, so that `encoded` can take a file that is already right.
    private let written: WrittenRecord
    private var pendingBytes: [String: [UInt8]] = [:]
    /// Which character claimed each output slot this run (a file, or a block of a packed sheet),
    /// keyed by `SafeFileName.clashKey`: two names that differ only in case would overwrite each
    /// other on Windows and macOS file systems.
    private var claims: [String: String] = [:]

    init(project: RPGMakerProject, actors: ActorsTable, written: WrittenRecord) {
        self.project = project
        self.actors = actors
        self.written = written
    }

    /// Queues `bytes` for the project-relative `path`, replacing any earlier queued bytes.
    public mutating func put(_ bytes: [UInt8], at path: String) {
        if pendingBytes.updateValue(bytes, forKey: path) == nil { pendingPaths.append(path) }
    }

    public func pending(_ path: String) -> [UInt8]? { pendingBytes[path] }

    /// Fails if another character of this run already claimed one of `slots`, so that two
    /// characters whose names map to the same file never silently overwrite each other.
    public func checkUnclaimed(_ slots: [String], by character: String) throws {
        for slot in slots {
            if let owner = claims[SafeFileName.clashKey(slot)], owner != character {
                throw ProjectError(subject: character, reason: "would write \(slot), which \(owner) already writes in this run (their file names collide); give one of them another name")
            }
        }
    }

    /// Records that `character` writes `slots` (after `checkUnclaimed` passed).
    public mutating func claim(_ slots: [String], by character: String) {
        for slot in slots { claims[SafeFileName.clashKey(slot)] = character }
    }

    /// `image` as PNG bytes for the project-relative `path`. The file already there is taken as
    /// it is when StyleCast wrote it (its record says so) and it holds exactly these pixels: an
    /// unchanged character then costs a decode, not a level-9 encode, and keeps its bytes.
    public func encoded(_ image: RGBAImage, for path: String) throws -> [UInt8] {
        let earlier = (try? FileSystem.read(project.absolutePath(path))).flatMap { written.wrote($0, to: path) ? $0 : nil }
        return try PNG.encode(image, reusing: earlier)
    }

    /// The image at `path` as this run will leave it: queued, else on disk, else nil.
    public func currentImage(at path: String) throws -> RGBAImage? {
        if let queued = pendingBytes[path] { return try PNG.decode(queued, name: path) }
        let absolute = project.absolutePath(path)
        guard FileSystem.exists(absolute) else { return nil }
        return try PNG.read(path: absolute)
    }
}

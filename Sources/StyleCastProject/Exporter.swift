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

    /// Where `export` puts a character named `name`: the art fields its actor gets and the
    /// files that hold the art. The one place they are worked out: a pipeline asks before it
    /// makes the art, checks those files, and hands the answer on to `export`.
    func destination(name: String, placement: SheetPlacement, faceIndex: Int) throws -> ExportDestination

    /// Puts `character`'s files and actor into `workspace` at `destination`, which this exporter
    /// gave for it (nothing touches the disk until the workspace's transaction commits).
    func export(_ character: CharacterExport, to destination: ExportDestination,
                into workspace: inout ExportWorkspace) throws -> ExportedCharacter
}

extension Exporter {
    /// Where `export` puts `character`.
    public func destination(of character: CharacterExport) throws -> ExportDestination {
        try destination(name: character.name, placement: character.placement, faceIndex: character.faceIndex)
    }
}

/// Where an exporter puts one character (`Exporter.destination`): worked out once and passed
/// along, so that the checks before a run, the export and the preview all name the same files.
public struct ExportDestination: Equatable, Sendable {
    /// The art fields the character's actor gets: `characterName` names the walk sheet (and
    /// `characterIndex` the block in it), `faceName` the face set.
    public let art: ActorArt

    public init(art: ActorArt) {
        self.art = art
    }

    /// Project-relative paths of the walk sheet and the face set.
    public var walkSheet: String { art.sheetPath }
    public var faceSet: String { art.faceSetPath }
    public var files: [String] { [walkSheet, faceSet] }
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
    /// What the art was made from, as its maker fingerprints it; the record keeps it beside the
    /// hashes of the files that hold the art, so that a later run can tell they still hold it.
    public var fingerprint: String?

    public init(name: String, art: CharacterArt, placement: SheetPlacement = .single, faceIndex: Int = 0,
                actorID: Int? = nil, fields: ActorFields = ActorFields(), fingerprint: String? = nil) {
        self.name = name
        self.art = art
        self.placement = placement
        self.faceIndex = faceIndex
        self.actorID = actorID
        self.fields = fields
        self.fingerprint = fingerprint
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
    private var pendingBytes: [String: [UInt8]] = [:]
    /// The fingerprint of the art each pending file holds, where its exporter gave one.
    private var pendingFingerprints: [String: String] = [:]
    /// The files at the pending paths as they are, each read once.
    private var current: [String: ProjectFile] = [:]
    /// Which character claimed each output slot this run (a file, or a block of a packed sheet),
    /// keyed by `SafeFileName.clashKey`: two names that differ only in case would overwrite each
    /// other on Windows and macOS file systems.
    private var claims: [String: String] = [:]

    init(project: RPGMakerProject) {
        self.project = project
        actors = project.actors
    }

    /// Queues `bytes` for the project-relative `path`, replacing any earlier queued bytes;
    /// `fingerprint` says what the art they hold was made from.
    public mutating func put(_ bytes: [UInt8], at path: String, fingerprint: String? = nil) {
        if pendingBytes.updateValue(bytes, forKey: path) == nil { pendingPaths.append(path) }
        pendingFingerprints[path] = fingerprint
    }

    public func pending(_ path: String) -> [UInt8]? { pendingBytes[path] }

    func pendingFingerprint(_ path: String) -> String? { pendingFingerprints[path] }

    /// The file at `path` as it is on disk (read once per run), held against the record.
    public mutating func file(at path: String) throws -> ProjectFile {
        if let file = current[path] { return file }
        let file = try project.file(at: path)
        current[path] = file
        return file
    }

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
    public mutating func encoded(_ image: RGBAImage, for path: String) throws -> [UInt8] {
        let earlier = try file(at: path)
        return try PNG.encode(image, reusing: earlier.isAsRecorded ? earlier.bytes : nil)
    }

    /// The image at `path` as this run will leave it: queued, else on disk, else nil.
    public mutating func currentImage(at path: String) throws -> RGBAImage? {
        if let queued = pendingBytes[path] { return try PNG.decode(queued, name: path) }
        guard let bytes = try file(at: path).bytes else { return nil }
        return try PNG.decode(bytes, name: project.absolutePath(path))
    }
}

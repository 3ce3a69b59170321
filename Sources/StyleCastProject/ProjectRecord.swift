import StyleCastIO

/// `.stylecast/record.json`: every file StyleCast wrote in the project, with the SHA-256 of the
/// bytes it wrote and, for character art, the fingerprint of the inputs the art was made from.
/// It is the one record of StyleCast's files: it stops StyleCast from overwriting a file it did
/// not write, or one a person edited since, without `--force`; it lets an export keep a file
/// that already holds the art; and it lets a cast take a character whose inputs are unchanged as
/// it is. It is written in the same transaction as the files it describes.
///
/// Projects written before this record kept the same facts in two files, `written.json`
/// (path -> SHA-256) and `cast-record.json` (per character: fingerprint, path -> SHA-256). A
/// project with no record.json is read from those; the first commit that changes the record
/// writes record.json and removes them.
public struct ProjectRecord: Equatable, Sendable {
    static let relativePath = ".stylecast/record.json"
    static let format = "stylecast-record/1"
    /// The files of the earlier record, read when there is no record.json.
    static let legacyWrittenPath = ".stylecast/written.json", legacyCastPath = ".stylecast/cast-record.json"

    /// What StyleCast last wrote at one path.
    public struct Entry: Equatable, Sendable {
        public var sha256: String
        /// What the file's art was made from, as its writer fingerprinted it (`CharacterExport.fingerprint`).
        public var fingerprint: String?
    }

    /// Project-relative path -> what StyleCast last wrote there.
    public private(set) var files: [String: Entry] = [:]

    init() {}

    /// The record of a project, read through `read` (project-relative path -> bytes, nil when
    /// there is no such file); `absolute` names files in errors.
    init(reading read: (String) throws -> [UInt8]?, absolute: (String) -> String) throws {
        if let bytes = try read(Self.relativePath) {
            try self.init(parsing: bytes, file: absolute(Self.relativePath))
        } else if let written = try read(Self.legacyWrittenPath) {
            try self.init(legacyWritten: written, file: absolute(Self.legacyWrittenPath), castRecord: try? read(Self.legacyCastPath))
        } else {
            self.init()
        }
    }

    private init(parsing bytes: [UInt8], file: String) throws {
        let root = JSONField(try LocatedJSON(parsing: bytes, name: file))
        guard root.value["format"]?.stringValue == Self.format, root.value["files"]?.objectValue != nil else {
            throw Self.malformed(root["files"], "must be an object of path: {\"sha256\": ...}, under \"format\": \"\(Self.format)\"")
        }
        for (path, entry) in try root["files"].members() {
            guard let hash = entry.value["sha256"]?.stringValue, Self.isHash(hash) else {
                throw Self.malformed(entry["sha256"], "must be a SHA-256 hex string")
            }
            files[path] = Entry(sha256: hash, fingerprint: entry.value["fingerprint"]?.stringValue)
        }
    }

    /// The record as the two files before it held it: `written.json` says which bytes StyleCast
    /// wrote; `cast-record.json` (unusable: ignored, which only costs remaking art) gives a file
    /// the fingerprint of the character that wrote exactly those bytes.
    private init(legacyWritten bytes: [UInt8], file: String, castRecord: [UInt8]?) throws {
        let written = JSONField(try LocatedJSON(parsing: bytes, name: file))["files"]
        guard written.value.objectValue != nil else { throw Self.malformed(written, "must be an object of path: sha256") }
        for (path, entry) in try written.members() {
            guard let hash = entry.value.stringValue, Self.isHash(hash) else { throw Self.malformed(entry, "must be a SHA-256 hex string") }
            files[path] = Entry(sha256: hash)
        }
        guard let castRecord, let cast = try? JSONDocument(parsing: castRecord).root,
              cast["format"]?.stringValue == "stylecast-cast-record/1", let characters = cast["characters"]?.objectValue else { return }
        for character in characters.members {
            guard let fingerprint = character.value["art"]?.stringValue, let paths = character.value["files"]?.objectValue else { continue }
            for path in paths.members where path.value.stringValue == self.files[path.key]?.sha256 {
                self.files[path.key]?.fingerprint = fingerprint
            }
        }
    }

    /// Notes that StyleCast writes `bytes` at `path`, made from `fingerprint`. Bytes that are
    /// already the recorded ones keep the recorded fingerprint unless another is given.
    mutating func note(_ bytes: [UInt8], at path: String, fingerprint: String?) {
        let hash = SHA256.hexDigest(bytes)
        let kept = files[path].flatMap { $0.sha256 == hash ? $0.fingerprint : nil }
        files[path] = Entry(sha256: hash, fingerprint: fingerprint ?? kept)
    }

    /// The fingerprints of the art the recorded files hold.
    public var fingerprints: Set<String> { Set(files.values.compactMap(\.fingerprint)) }

    /// Sorted keys, on one line: the same record always gives the same bytes.
    func serialized() -> [UInt8] {
        let entries = files.keys.sorted().map { path -> (key: String, value: JSONValue) in
            let entry = files[path]!
            var fields: [(key: String, value: JSONValue)] = [("sha256", .string(entry.sha256))]
            if let fingerprint = entry.fingerprint { fields.append(("fingerprint", .string(fingerprint))) }
            return (key: path, value: .object(JSONObject(fields)))
        }
        let root: JSONValue = ["format": .string(Self.format), "files": .object(JSONObject(entries))]
        return JSONDocument(root: root, layout: JSONLayout(shape: .compact, trailingNewline: true)).serialized()
    }

    private static func isHash(_ text: String) -> Bool { text.utf8.count == 64 }

    private static func malformed(_ field: JSONField, _ reason: String) -> JSONContentError {
        field.error(reason + "; delete the file to start a new record (StyleCast will then treat existing files as not its own)")
    }
}

/// A file of the project held against StyleCast's record: the one place where a file's bytes
/// are compared with what StyleCast last wrote there.
public struct ProjectFile: Equatable, Sendable {
    /// Project-relative.
    public let path: String
    /// Nil when there is no file.
    public let bytes: [UInt8]?
    /// What the record says StyleCast last wrote here, if anything.
    public let recorded: ProjectRecord.Entry?
    /// Whether the file holds exactly the bytes StyleCast last wrote here.
    public let isAsRecorded: Bool

    init(path: String, bytes: [UInt8]?, recorded: ProjectRecord.Entry?) {
        self.path = path
        self.bytes = bytes
        self.recorded = recorded
        isAsRecorded = bytes.map { bytes in recorded.map { $0.sha256 == SHA256.hexDigest(bytes) } ?? false } ?? false
    }

    /// Whether StyleCast may replace it without `--force`: there is no file, or it is StyleCast's own, unedited.
    public var isOwned: Bool { bytes == nil || isAsRecorded }

    /// The fingerprint of the art the file holds: recorded with it, and the file unedited since.
    public var fingerprint: String? { isAsRecorded ? recorded?.fingerprint : nil }
}

extension RPGMakerProject {
    /// The file at project-relative `path` as it is now, held against the record read when the
    /// project was opened.
    public func file(at path: String) throws -> ProjectFile {
        let absolute = absolutePath(path)
        return ProjectFile(path: path, bytes: FileSystem.exists(absolute) ? try FileSystem.read(absolute) : nil, recorded: record.files[path])
    }
}

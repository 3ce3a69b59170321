import StyleCastIO

/// `.stylecast/written.json`: the SHA-256 of every file StyleCast wrote, so that it never
/// overwrites a file it did not write, or one a person edited since, without `--force`.
struct WrittenRecord: Equatable {
    static let relativePath = ".stylecast/written.json"

    /// Project-relative path -> SHA-256 hex of the bytes StyleCast last wrote there.
    var hashes: [String: String] = [:]

    init() {}

    init(project: RPGMakerProject) throws {
        let path = project.absolutePath(Self.relativePath)
        guard FileSystem.exists(path) else { return }
        let document = try JSONDocument(contentsOfFile: path)
        guard let files = document.root["files"]?.objectValue else {
            throw JSONContentError(file: path, field: "files", reason: "must be an object of path: sha256; delete the file to start a new record (StyleCast will then treat existing files as not its own)")
        }
        for member in files.members {
            guard let hash = member.value.stringValue, hash.count == 64 else {
                throw JSONContentError(file: path, field: "files.\(member.key)", reason: "must be a SHA-256 hex string")
            }
            hashes[member.key] = hash
        }
    }

    /// Whether StyleCast wrote exactly `bytes` to `path` last time.
    func wrote(_ bytes: [UInt8], to path: String) -> Bool {
        hashes[path] == SHA256.hexDigest(bytes)
    }

    /// Sorted keys, one file per line: the same record always gives the same bytes.
    func serialized() -> [UInt8] {
        let files = JSONObject(hashes.keys.sorted().map { (key: $0, value: .string(hashes[$0]!)) })
        let root: JSONValue = ["version": 1, "files": .object(files)]
        return JSONDocument(root: root, layout: JSONLayout(shape: .compact, trailingNewline: true)).serialized()
    }
}

import Foundation
import StyleCastIO
import StyleCastProject

/// A cast manifest (`cast.json`): defaults, then one entry per character. Paths in it are
/// absolute (resolved against the manifest's folder), and every referenced input file exists.
public struct Manifest: Equatable, Sendable {
    /// The manifest's path, as errors name it.
    public var file: String
    public var defaults: ManifestDefaults
    public var characters: [CharacterSpec]
}

/// Reading `cast.json`.
public enum CastManifest {
    static let topLevelKeys = ["defaults", "characters"]

    /// Reads and checks a manifest. Throws `ManifestErrors` listing every problem (syntax,
    /// unknown keys, wrong types, out-of-range values, duplicates, missing files) with its
    /// position, or `FileReadError` when the file cannot be read at all.
    public static func load(path: String) throws -> Manifest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileReadError(subject: path, reason: "cannot read the manifest (missing or not readable); `stylecast init --project P` writes a starter one")
        }
        let folder = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
        return try parse([UInt8](data), file: path, folder: folder)
    }

    /// Reads manifest text; `file` names it in errors, `folder` is where relative paths start.
    public static func parse(_ bytes: [UInt8], file: String, folder: String) throws -> Manifest {
        let json: LocatedJSON
        do {
            json = try LocatedJSON(parsing: bytes, name: file, syntax: .withComments)
        } catch let error as JSONParseError {
            throw ManifestErrors(file: file, problems: [
                ManifestProblem(position: SourcePosition(line: error.line, column: error.column), message: error.reason),
            ])
        }
        var reader = ManifestReader(json: json, folder: folder)
        let root = Field(value: json.root, path: [])
        let members = reader.object(root, keys: topLevelKeys)
        let defaults = reader.defaults(members?["defaults"], root: root)
        var characters: [CharacterSpec] = []
        if let members, let list = reader.require("characters", in: members, of: root, "a list with one entry per character"),
           let entries = reader.array(list) {
            if entries.isEmpty { reader.report(list, "lists no characters; add at least one") }
            let read = entries.map { (entry: $0, character: reader.character($0, defaults: defaults)) }
            reportClashes(among: read.compactMap { item in item.character.identity.map { (item.entry, $0) } }, reader: &reader)
            characters = read.compactMap(\.character.spec)
        }
        guard reader.problems.isEmpty else { throw ManifestErrors(file: file, problems: reader.problems) }
        return Manifest(file: file, defaults: defaults, characters: characters)
    }

    /// Two characters may not share a name, an image file name (compared by
    /// `SafeFileName.clashKey`, as `export` compares them) or an actor id. Each clash is
    /// reported at the later character.
    private static func reportClashes(among characters: [(entry: Field, identity: CharacterIdentity)], reader: inout ManifestReader) {
        var names: [String: Int] = [:]
        var fileNames: [String: Int] = [:]
        var actorIDs: [Int: Int] = [:]
        for (index, (entry, character)) in characters.enumerated() {
            func clash(_ key: String, _ message: String, first: Int) {
                let field = Field(value: .null, path: entry.path + [.key(key)])
                let other = characters[first].entry
                reader.report(field, "\(message) (also at line \(reader.position(of: other).line), \(other.name))")
            }
            let fileKey = SafeFileName.clashKey(character.fileName)
            if let first = names[character.name] {
                clash("name", "the name '\(character.name)' is used twice; give each character its own", first: first)
            } else if let first = fileNames[fileKey] {
                clash(entry.value["fileName"] == nil ? "name" : "fileName",
                      "the file name '\(character.fileName)' clashes, ignoring case, with '\(characters[first].identity.fileName)'; set a different \"fileName\"",
                      first: first)
            }
            if let id = character.actorID, let first = actorIDs[id] {
                clash("actorId", "actorId \(id) is used twice; each character needs its own actor", first: first)
            }
            names[character.name] = names[character.name] ?? index
            fileNames[fileKey] = fileNames[fileKey] ?? index
            if let id = character.actorID { actorIDs[id] = actorIDs[id] ?? index }
        }
    }
}

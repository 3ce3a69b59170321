import StyleCastIO

/// `.stylecast/cast-record.json`: for each character of earlier runs, the fingerprint of the
/// inputs its art was made from and the SHA-256 of the files it got. A character whose
/// fingerprint is unchanged and whose files are still those bytes is taken as it is, not remade.
/// Written in the same transaction as the art, so it never describes files that did not land.
struct CastRecord: Equatable {
    static let fileName = "cast-record.json"
    static let format = "stylecast-cast-record/1"

    struct Entry: Equatable {
        var art: String
        /// Project-relative path -> SHA-256 hex.
        var files: [String: String]
    }

    /// By character name.
    var characters: [String: Entry] = [:]

    init() {}

    /// The record in `stateFolder`, or an empty one when there is none or it cannot be used (a
    /// lost record only costs remaking the art, which gives the same bytes).
    init(stateFolder: String) {
        guard let document = try? JSONDocument(contentsOfFile: stateFolder + "/" + Self.fileName),
              document.root["format"]?.stringValue == Self.format,
              let characters = document.root["characters"]?.objectValue else { return }
        for (name, value) in characters.members {
            guard let art = value["art"]?.stringValue, let files = value["files"]?.objectValue else { continue }
            var hashes: [String: String] = [:]
            for member in files.members { hashes[member.key] = member.value.stringValue }
            self.characters[name] = Entry(art: art, files: hashes)
        }
    }

    /// Sorted keys: the same record always gives the same bytes.
    func serialized() -> [UInt8] {
        let entries = characters.keys.sorted().map { name -> (key: String, value: JSONValue) in
            let entry = characters[name]!
            let files = JSONObject(entry.files.keys.sorted().map { (key: $0, value: .string(entry.files[$0]!)) })
            return (key: name, value: ["art": .string(entry.art), "files": .object(files)])
        }
        let root: JSONValue = ["format": .string(Self.format), "characters": .object(JSONObject(entries))]
        return JSONDocument(root: root, layout: JSONLayout(shape: .compact, trailingNewline: true)).serialized()
    }
}

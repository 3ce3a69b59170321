import Foundation
import StyleCastIO
import StyleCastProject

/// A value of the manifest together with where it sits in the tree.
struct Field {
    let value: JSONValue
    let path: [JSONPathComponent]

    func member(_ key: String, of object: JSONObject) -> Field? {
        object[key].map { Field(value: $0, path: path + [.key(key)]) }
    }

    /// `characters[2].spriteMixes[0].rows`, the way the README names fields.
    var name: String { JSONPathComponent.fieldName(path) }
}

/// Reads manifest values with the types and ranges the schema asks for. Instead of stopping at
/// the first problem, every problem is recorded with its position and reading carries on (a
/// bad value reads as nil), so a user sees everything wrong with the file in one go.
struct ManifestReader {
    let json: LocatedJSON
    /// The manifest's folder, against which relative paths are resolved.
    let folder: String
    private(set) var problems: [ManifestProblem] = []

    init(json: LocatedJSON, folder: String) {
        self.json = json
        self.folder = folder
        for duplicate in json.duplicateKeys {
            let field = Field(value: .null, path: duplicate.path)
            problems.append(ManifestProblem(position: duplicate.position,
                message: "\(field.name): the key appears twice in one object; keep only one (which one counts is not defined)"))
        }
    }

    mutating func report(_ field: Field, _ message: String) {
        problems.append(ManifestProblem(position: json.position(of: field.path), message: "\(field.name): \(message)"))
    }

    func position(of field: Field) -> SourcePosition { json.position(of: field.path) }

    // MARK: - Structure

    /// The members of an object, each of `keys` or reported as unknown (with the nearest known
    /// key as a suggestion).
    mutating func object(_ field: Field, keys: [String]) -> [String: Field]? {
        guard let object = field.value.objectValue else {
            report(field, "must be an object { ... }, not \(field.value.brief)")
            return nil
        }
        var members: [String: Field] = [:]
        for key in object.keys {
            let member = field.member(key, of: object)!
            guard keys.contains(key) else {
                let hint = NearestName.suggestion(for: key, among: keys).map { "did you mean '\($0)'?" }
                    ?? "known keys: \(keys.joined(separator: ", "))"
                problems.append(ManifestProblem(position: json.keyPosition(of: member.path),
                                                message: "\(field.name): unknown key '\(key)' (\(hint))"))
                continue
            }
            members[key] = member
        }
        return members
    }

    mutating func array(_ field: Field) -> [Field]? {
        guard let elements = field.value.arrayValue else {
            report(field, "must be a list [ ... ], not \(field.value.brief)")
            return nil
        }
        return elements.indices.map { Field(value: elements[$0], path: field.path + [.index($0)]) }
    }

    /// The member the schema requires; when the object lacks it, reports that at the object.
    mutating func require(_ key: String, in members: [String: Field], of object: Field, _ meaning: String) -> Field? {
        if let member = members[key] { return member }
        report(object, "needs '\(key)' (\(meaning))")
        return nil
    }

    // MARK: - Scalars

    mutating func string(_ field: Field, nonEmpty: Bool = false) -> String? {
        guard let text = field.value.stringValue else {
            report(field, "must be a string \"...\", not \(field.value.brief)")
            return nil
        }
        // The rule `export` applies to names, so both refuse the same invisible names.
        if nonEmpty && SafeFileName.isBlank(text) {
            report(field, "must not be empty or only invisible characters")
            return nil
        }
        return text
    }

    mutating func int(_ field: Field, in range: ClosedRange<Int>) -> Int? {
        guard let value = field.value.intValue, range.contains(value) else {
            report(field, "must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(field.value.brief)")
            return nil
        }
        return value
    }

    mutating func number(_ field: Field, in range: ClosedRange<Double>) -> Double? {
        guard let value = field.value.doubleValue, range.contains(value) else {
            report(field, "must be a number from \(Self.format(range.lowerBound)) to \(Self.format(range.upperBound)), not \(field.value.brief)")
            return nil
        }
        return value
    }

    /// A path to an existing file (or, with `folder`, an existing folder), resolved against the
    /// manifest's folder.
    mutating func existingFile(_ field: Field, _ text: String? = nil, kind: String, folder: Bool = false) -> String? {
        guard let relative = text ?? string(field, nonEmpty: true) else { return nil }
        let path = resolve(relative)
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        guard exists, isFolder.boolValue == folder else {
            let what = !exists ? "does not exist" : folder ? "is a file, not a folder" : "is a folder, not a file"
            report(field, "\(kind) '\(path)' \(what); fix the path (relative paths start at the manifest's folder)")
            return nil
        }
        return path
    }

    func resolve(_ path: String) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: folder).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }

    // MARK: - Wording

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

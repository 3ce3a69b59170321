import Foundation
import StyleCastIO

/// What a training set holds: walk sheets (144x192) or face portraits (144x144).
public enum DatasetKind: String, CaseIterable, Sendable {
    case sheet, face
}

/// One line of a dataset's `attributes.jsonl`: which file, from which seed, drawn with what.
public struct DatasetRecord: Equatable, Sendable {
    public var file: String
    public var seed: UInt64
    public var attributes: CharacterAttributes
}

extension DatasetRecord {
    /// The record's line: keys sorted, so the same record is always the same bytes.
    public var json: JSONValue {
        let value: JSONValue = ["file": .string(file), "seed": .number(seed), "attributes": attributes.json]
        return value.canonical
    }

    /// Reads one line's record; errors name the field.
    public init(_ field: JSONField) throws {
        try field.rejectUnknownKeys(["file", "seed", "attributes"])
        file = try field.member("file", "the sample's PNG").string()
        let seedField = try field.member("seed", "the character's seed")
        guard let seed = seedField.value.numberValue.flatMap({ UInt64($0.text) }) else {
            throw seedField.error("must be a whole number from 0 to \(UInt64.max), not \(seedField.value.brief)")
        }
        self.seed = seed
        attributes = try CharacterAttributes(field.member("attributes", "what the character is drawn with"))
    }
}

/// Writes training sets of procedural art: sample i is the character of seed `seed + i`
/// (wrapping), saved as `<i, 6 digits>.png`, and `attributes.jsonl` lists every sample in
/// order. Samples are drawn in parallel; the files are the same bytes however they are scheduled.
public enum ArtDataset {
    public static let attributesFile = "attributes.jsonl"

    public static func fileName(index: Int) -> String {
        let digits = String(index)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".png"
    }

    /// The image of one sample.
    public static func render(_ attributes: CharacterAttributes, kind: DatasetKind) -> RGBAImage {
        switch kind {
        case .sheet: return WalkSheet.render(attributes)
        case .face: return FacePortrait.render(attributes)
        }
    }

    /// The JSON line of one record (keys sorted, so the same record is always the same bytes).
    public static func jsonLine(_ record: DatasetRecord) -> String {
        String(decoding: JSONWriter.compact(record.json), as: UTF8.self)
    }

    /// Writes `count` samples and the attributes file into the existing folder `folder`.
    public static func write(kind: DatasetKind, count: Int, seed: UInt64, to folder: String) throws {
        precondition(count >= 0, "sample count must not be negative")
        let lines = try concurrentMap(count) { index in
            let sampleSeed = seed &+ UInt64(index)
            let attributes = sampleAttributes(seed: sampleSeed)
            let name = fileName(index: index)
            let png = try PNG.encode(render(attributes, kind: kind), compression: .fastest)
            try AtomicFile.write(png, to: (folder as NSString).appendingPathComponent(name), durability: .unsynced)
            return jsonLine(DatasetRecord(file: name, seed: sampleSeed, attributes: attributes))
        }
        let text = lines.map { $0 + "\n" }.joined()
        try AtomicFile.write(text, to: (folder as NSString).appendingPathComponent(attributesFile))
    }

    /// Reads an attributes file back, naming the line and field that do not read.
    public static func readRecords(path: String) throws -> [DatasetRecord] {
        let text = String(decoding: try FileReadError.contents(of: path), as: UTF8.self)
        return try text.split(separator: "\n").enumerated().map { number, line in
            do {
                return try DatasetRecord(JSONField(JSONDocument(parsing: String(line)).root, file: ""))
            } catch let error as JSONParseError {
                throw DatasetError(subject: path, reason: "line \(number + 1) is not JSON (column \(error.column): \(error.reason))")
            } catch let error as JSONContentError {
                throw DatasetError(subject: path, reason: "line \(number + 1) is not a dataset record: \(error)")
            }
        }
    }
}

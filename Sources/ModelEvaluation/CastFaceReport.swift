import Foundation
import StyleCastIO

/// The figures of `stylecast evaluate-cast` (`CastFaceEvaluation`), per character and in all.
public struct CastFaceReport: Equatable, Sendable {
    /// One final face slot.
    public struct Slot: Equatable, Sendable {
        public var faceIndex: Int
        /// The slot's face preset, or `neutral`.
        public var preset: String
        /// The expression it should show.
        public var wanted: String
        /// The expression whose drawing it is closest to.
        public var closest: String
        /// Strictly closer to the wanted drawing than to every other expression's.
        public var correct: Bool
    }

    /// One face step: PSNR against the renderer's drawing of the character.
    public struct Stage: Equatable, Sendable {
        public var title: String
        public var psnr: Double
    }

    public struct Character: Equatable, Sendable {
        public var name: String
        public var seed: UInt32
        /// Why the character is not judged (its attributes are not known); nil when judged.
        public var unknown: String?
        /// The character in words (neutral expression).
        public var character: String?
        public var slots: [Slot]
        /// `CastFaceEvaluation.identityAttributes` on face 0 -> shown right.
        public var attributes: [String: Bool]
        public var stages: [Stage]

        public init(name: String, seed: UInt32, unknown: String) {
            self.name = name
            self.seed = seed
            self.unknown = unknown
            slots = []
            attributes = [:]
            stages = []
        }

        public init(name: String, seed: UInt32, character: String, slots: [Slot], attributes: [String: Bool], stages: [Stage]) {
            self.name = name
            self.seed = seed
            self.character = character
            self.slots = slots
            self.attributes = attributes
            self.stages = stages
        }
    }

    /// "right of judged".
    public struct Count: Equatable, Sendable {
        public var right = 0
        public var judged = 0
    }

    /// One face step over the judged characters that have it.
    public struct StageSummary: Equatable, Sendable {
        public var title: String
        public var characters: Int
        public var meanPSNR: Double
    }

    public struct Timing: Equatable, Sendable {
        public var stage: String
        public var seconds: Double
    }

    public var manifest: String
    /// `FaceProjection` as run.
    public var faceProjection: String
    /// The projection steps every character was made with, when the evaluation set them.
    public var projectionSteps: Int?
    public var characters: [Character] = []
    /// Final face slots closest to their slot's expression.
    public var expressions = Count()
    /// Per identity attribute: characters whose face 0 shows it.
    public var attributes: [String: Count] = [:]
    /// Face steps in the order they first appear.
    public var stages: [StageSummary] = []
    /// Wall time of making the art (models loading and judging not counted).
    public var seconds: Double
    public var timings: [Timing]

    public init(manifest: String, faceProjection: String, projectionSteps: Int?, seconds: Double, timings: [Timing]) {
        self.manifest = manifest
        self.faceProjection = faceProjection
        self.projectionSteps = projectionSteps
        self.seconds = seconds
        self.timings = timings
    }

    /// Adds up the characters' figures into the totals.
    mutating func tally() {
        expressions = Count()
        attributes = [:]
        var psnrs: [String: [Double]] = [:], order: [String] = []
        for character in characters where character.unknown == nil {
            for slot in character.slots {
                expressions.judged += 1
                if slot.correct { expressions.right += 1 }
            }
            for (name, correct) in character.attributes {
                attributes[name, default: Count()].judged += 1
                if correct { attributes[name, default: Count()].right += 1 }
            }
            for stage in character.stages {
                if psnrs[stage.title] == nil { order.append(stage.title) }
                psnrs[stage.title, default: []].append(stage.psnr)
            }
        }
        stages = order.map { title in
            let values = psnrs[title]!
            return StageSummary(title: title, characters: values.count, meanPSNR: values.reduce(0, +) / Double(values.count))
        }
    }

    /// The report as JSON (`stylecast evaluate-cast --json`): keys sorted, fields left out when
    /// they do not apply; infinite PSNR (a perfect image) is written as "inf".
    public var jsonValue: JSONValue {
        func count(_ count: Count) -> JSONValue { ["right": .number(count.right), "judged": .number(count.judged)] }
        let characters = self.characters.map { character -> JSONValue in
            var value: JSONValue = ["name": .string(character.name), "seed": .number(character.seed)]
            if let unknown = character.unknown { value["unknown"] = .string(unknown) }
            if let description = character.character { value["character"] = .string(description) }
            guard character.unknown == nil else { return value }
            value["slots"] = .array(character.slots.map { slot in
                ["faceIndex": .number(slot.faceIndex), "preset": .string(slot.preset), "wanted": .string(slot.wanted),
                 "closest": .string(slot.closest), "correct": .bool(slot.correct)]
            })
            value["attributes"] = .object(JSONObject(character.attributes.map { ($0.key, .bool($0.value)) }))
            value["stages"] = .array(character.stages.map { ["title": .string($0.title), "psnr": .measurement($0.psnr)] })
            return value
        }
        var report: JSONValue = [
            "manifest": .string(manifest), "faceProjection": .string(faceProjection), "characters": .array(characters),
            "expressions": count(expressions), "attributes": .object(JSONObject(attributes.map { ($0.key, count($0.value)) })),
            "stages": .array(stages.map { ["title": .string($0.title), "characters": .number($0.characters), "meanPSNR": .measurement($0.meanPSNR)] }),
            "seconds": .measurement(seconds),
            "timings": .array(timings.map { ["stage": .string($0.stage), "seconds": .measurement($0.seconds)] }),
        ]
        if let projectionSteps { report["projectionSteps"] = .number(projectionSteps) }
        return report.canonical
    }

    /// `jsonValue` as pretty JSON (two-space indentation, as `JSON.stringify(value, null, 2)`).
    public func json() -> String {
        String(decoding: JSONWriter.pretty(jsonValue), as: UTF8.self)
    }

    /// The report as people read it.
    public var text: String {
        let steps = projectionSteps.map { "\($0) steps" } ?? "the manifest's steps"
        var lines = ["Faces of \(manifest) (face projection \(faceProjection), \(steps))"]
        for character in characters {
            lines.append("\(character.name) (seed \(character.seed))")
            if let unknown = character.unknown {
                lines.append("  not judged: \(unknown)")
                continue
            }
            lines.append("  \(character.character ?? "")")
            lines.append("  slots: " + character.slots.map { slot in
                slot.correct ? "\(slot.faceIndex) \(slot.wanted) ok" : "\(slot.faceIndex) \(slot.wanted) NO (closest \(slot.closest))"
            }.joined(separator: ", "))
            lines.append("  face 0: " + CastFaceEvaluation.identityAttributes.compactMap { name in
                character.attributes[name].map { "\(name) \($0 ? "ok" : "NO")" }
            }.joined(separator: ", "))
            lines.append("  PSNR vs the renderer: " + character.stages.map { "\($0.title) \(Self.decibels($0.psnr))" }.joined(separator: " -> "))
        }
        let judged = characters.filter { $0.unknown == nil }.count
        lines.append("In all (\(judged) of \(characters.count) characters judged; goal: every figure full)")
        lines.append("  expressions: \(expressions.right) of \(expressions.judged) face slots closest to their slot's expression")
        for name in CastFaceEvaluation.identityAttributes {
            let count = attributes[name] ?? Count()
            lines.append("  \(name): \(count.right) of \(count.judged) face 0s show the character's")
        }
        lines.append("  mean PSNR vs the renderer: " + stages.map { "\($0.title) \(Self.decibels($0.meanPSNR))" }.joined(separator: " -> "))
        lines.append(String(format: "Made in %.1f s: ", seconds)
                     + timings.map { String(format: "%@ %.1f s", $0.stage, $0.seconds) }.joined(separator: ", "))
        return lines.joined(separator: "\n") + "\n"
    }

    static func decibels(_ value: Double) -> String {
        value.isInfinite ? "inf" : String(format: "%.2f dB", value)
    }
}

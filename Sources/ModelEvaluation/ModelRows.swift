import Foundation
import Training

/// Which w rows of a trained model carry which attribute group, read from its
/// `__metadata__.stylecast_rows` (the trainer's `RowGroups` as JSON).
public struct ModelRows: Equatable, Sendable {
    public let rows: [AttributeGroup: [Int]]

    public init(_ groups: RowGroups) {
        var rows: [AttributeGroup: [Int]] = [:]
        for (name, list) in groups.groups {
            guard let group = AttributeGroup(rawValue: name) else { preconditionFailure("RowGroups names a group '\(name)' evaluation does not know") }
            rows[group] = list
        }
        self.rows = rows
    }

    /// Parses the metadata text; `path` and the field name label every error.
    public init(json: String, numWs: Int, path: String) throws {
        let field = "__metadata__.stylecast_rows"
        let groups: RowGroups
        do {
            groups = try JSONDecoder().decode(RowGroups.self, from: Data(json.utf8))
        } catch {
            throw EvaluationError(subject: path, reason: "\(field) is not a row list like {\"shape\": [0, 1], \"colours\": [2, 3]} (shape and colours required; headTurn and expression optional): \(error)")
        }
        for (name, list) in groups.groups {
            if let outside = list.first(where: { !(0..<numWs).contains($0) }) {
                throw EvaluationError(subject: path, reason: "\(field) '\(name)' names row \(outside), but the model has rows 0...\(numWs - 1)")
            }
        }
        self.init(groups)
    }

    /// The rows of `group`, or an error saying the model does not declare them.
    public func rows(of group: AttributeGroup, path: String) throws -> [Int] {
        guard let list = rows[group], !list.isEmpty else {
            throw EvaluationError(subject: path, reason: "__metadata__.stylecast_rows has no '\(group.rawValue)' rows, which the style-mixing test needs")
        }
        return list
    }
}

/// An evaluation that cannot run, naming the file or option at fault.
public struct EvaluationError: Error, CustomStringConvertible, Equatable {
    public let subject: String
    public let reason: String
    public init(subject: String, reason: String) {
        self.subject = subject
        self.reason = reason
    }
    public var description: String { "\(subject): \(reason)" }
}

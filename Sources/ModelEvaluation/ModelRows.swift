import Foundation

/// Which w rows carry which attribute group (safetensors `__metadata__.stylecast_rows`, JSON
/// such as {"shape": [0, 1, 2, 3, 4, 5], "colours": [6, 7, 8, 9]}).
public struct ModelRows: Equatable, Sendable {
    public let rows: [AttributeGroup: [Int]]

    public init(rows: [AttributeGroup: [Int]]) { self.rows = rows }

    /// Parses the metadata text; `path` and the field name label every error.
    public init(json: String, numWs: Int, path: String) throws {
        let field = "__metadata__.stylecast_rows"
        func fail(_ reason: String) -> EvaluationError { EvaluationError(subject: path, reason: "\(field) \(reason)") }
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw fail("is not a JSON object like {\"shape\": [0, 1], \"colours\": [8, 9]}")
        }
        var rows: [AttributeGroup: [Int]] = [:]
        for (key, value) in object {
            guard let group = AttributeGroup(rawValue: key) else {
                throw fail("names an unknown group '\(key)'; groups are \(AttributeGroup.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let list = value as? [Any], let numbers = list as? [NSNumber],
                  numbers.allSatisfy({ $0.doubleValue == Double($0.intValue) }) else {
                throw fail("'\(key)' is not a list of row numbers")
            }
            let indices = numbers.map(\.intValue)
            if let outside = indices.first(where: { !(0..<numWs).contains($0) }) {
                throw fail("'\(key)' names row \(outside), but the model has rows 0...\(numWs - 1)")
            }
            rows[group] = indices
        }
        self.rows = rows
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

import Foundation
import StyleGAN

/// Which w rows of a trained model carry which attribute group (its `RowGroups`), by the
/// groups evaluation knows.
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

    /// The rows of `group`, or an error saying the model does not declare them.
    public func rows(of group: AttributeGroup, path: String) throws -> [Int] {
        guard let list = rows[group], !list.isEmpty else {
            throw EvaluationError(subject: path, reason: "__metadata__.stylecast_rows has no '\(group.rawValue)' rows, which the style-mixing test needs")
        }
        return list
    }
}

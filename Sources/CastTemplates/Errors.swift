import StyleCastIO

// The errors of the CastTemplates module, in the shape every StyleCast error takes (`StyleCastError`).

/// Why a template could not be used: `file` is the template's path, with the line and column
/// of the problem when it is in the text, so an editor can jump to it.
public struct TemplateError: StyleCastError, Equatable, Sendable {
    public let file: String
    public let line: Int?
    public let column: Int?
    public let reason: String

    public init(file: String, line: Int? = nil, column: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `file:line:column`, as manifest errors are written; `file` without a place.
    public var subject: String? {
        var place = file
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        return place
    }
}

import StyleCastIO

// The errors of the Projection module, in the shape every StyleCast error takes (`StyleCastError`).

/// A projection input or setting that cannot be used: `subject` is the file or option it concerns.
public struct ProjectionError: StyleCastError, Equatable {
    public let subject: String?
    public let reason: String
    public init(subject: String? = nil, reason: String) { (self.subject, self.reason) = (subject, reason) }
}

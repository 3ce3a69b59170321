import StyleCastIO

// The errors of the StyleCastProject module, in the shape every StyleCast error takes
// (`StyleCastError`). A project data file with unexpected content is a `JSONContentError`.

/// A project StyleCast cannot or will not write to: `subject` is the file or folder concerned;
/// the reason says, where there is something to do, what.
public struct ProjectError: StyleCastError, Equatable {
    public let subject: String?
    public let reason: String
    public init(subject: String? = nil, reason: String) { (self.subject, self.reason) = (subject, reason) }
}

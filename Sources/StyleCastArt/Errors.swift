import StyleCastIO

// The errors of the StyleCastArt module, in the shape every StyleCast error takes (`StyleCastError`).

/// A training set that cannot be read: `subject` is the file.
public struct DatasetError: StyleCastError, Equatable {
    public let subject: String?
    public let reason: String
    public init(subject: String? = nil, reason: String) { (self.subject, self.reason) = (subject, reason) }
}

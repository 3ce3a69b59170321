import StyleCastIO

// The errors of the Training module, in the shape every StyleCast error takes (`StyleCastError`).
// A training config's content errors are `JSONContentError`s, which point into the file.

/// Training input that cannot be used (a checkpoint or model of another run, a model without
/// row groups...): `subject` is the file concerned, if any; the reason says what to do.
public struct TrainingError: StyleCastError, Equatable {
    public let subject: String?
    public let reason: String
    public init(subject: String? = nil, reason: String) { (self.subject, self.reason) = (subject, reason) }
}

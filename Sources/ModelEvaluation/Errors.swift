import StyleCastIO

// The errors of the ModelEvaluation module, in the shape every StyleCast error takes
// (`StyleCastError`).

/// An evaluation that cannot run: `subject` is the file or option at fault.
public struct EvaluationError: StyleCastError, Equatable {
    public let subject: String?
    public let reason: String
    public init(subject: String? = nil, reason: String) { (self.subject, self.reason) = (subject, reason) }
}

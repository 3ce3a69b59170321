import StyleCastIO

// The errors of the CastPreview module, in the shape every StyleCast error takes (`StyleCastError`).

/// Why a preview could not be written: `subject` names the character field or file concerned.
public struct CastPreviewError: StyleCastError, Equatable {
    public let subject: String?
    public let reason: String
    public init(subject: String? = nil, reason: String) { (self.subject, self.reason) = (subject, reason) }
}

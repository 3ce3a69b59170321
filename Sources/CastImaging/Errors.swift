import StyleCastIO

// The errors of the CastImaging module, in the shape every StyleCast error takes (`StyleCastError`).

/// A sheet whose head could not be cut out, with what to do about it.
public struct HeadCropError: StyleCastError, Equatable {
    public let subject: String?
    public let reason: String
    public init(subject: String? = nil, reason: String) { (self.subject, self.reason) = (subject, reason) }
}

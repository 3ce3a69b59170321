import StyleCastIO

// The errors of the CastPipeline module, in the shape every StyleCast error takes (`StyleCastError`).

/// A cast that cannot run: `subject` names the file (or character) concerned; the reason says
/// what to do about it.
public struct CastError: StyleCastError, Equatable, Sendable {
    public let subject: String?
    public let reason: String
    public init(subject: String? = nil, reason: String) { (self.subject, self.reason) = (subject, reason) }
}

/// The run was stopped (Ctrl-C) before it committed; the project is as it was.
public struct CastInterrupted: StyleCastError, Sendable {
    public init() {}
    public var subject: String? { nil }
    public var reason: String { "interrupted; nothing in the project was changed" }
}

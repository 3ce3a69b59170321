/// A cast that cannot run, naming the file (or character) concerned and what to do about it.
public struct CastError: Error, CustomStringConvertible, Equatable, Sendable {
    public let subject: String
    public let reason: String

    public init(_ subject: String, _ reason: String) {
        self.subject = subject
        self.reason = reason
    }

    public var description: String { "\(subject): \(reason)" }
}

/// The run was stopped (Ctrl-C) before it committed; the project is as it was.
public struct CastInterrupted: Error, CustomStringConvertible, Sendable {
    public init() {}
    public var description: String { "interrupted; nothing in the project was changed" }
}

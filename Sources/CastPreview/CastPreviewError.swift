/// Why a preview could not be written: `subject` names the character field or file concerned.
public struct CastPreviewError: Error, CustomStringConvertible, Equatable {
    public let subject: String
    public let reason: String

    public init(subject: String, reason: String) {
        self.subject = subject
        self.reason = reason
    }

    public var description: String { "\(subject): \(reason)" }
}

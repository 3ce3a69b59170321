/// A project StyleCast cannot or will not write to, naming the file or folder concerned and,
/// where there is one, what to do about it.
public struct ProjectError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

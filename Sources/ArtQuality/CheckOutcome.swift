/// The verdict of a clean-art check: clean, or the first reason it is not.
public enum CheckOutcome: Equatable, Sendable {
    case clean
    case failed(String)

    public var isClean: Bool { self == .clean }

    /// Why it failed, or nil when clean.
    public var reason: String? {
        if case .failed(let reason) = self { return reason }
        return nil
    }
}

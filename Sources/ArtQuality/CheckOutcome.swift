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

/// "stray pieces of 3, 1, 1 px" for the pieces other than `figure`, at most five of them in
/// scan order, so a noisy image's reason stays one readable line.
func strayPieces(_ components: PixelComponents, besides figure: Int) -> String {
    let sizes = components.sizes.indices.filter { $0 != figure }.map { components.sizes[$0] }
    let shown = sizes.prefix(5).map(String.init).joined(separator: ", ")
    return "stray pieces of \(shown)\(sizes.count > 5 ? " and \(sizes.count - 5) more" : "") px"
}

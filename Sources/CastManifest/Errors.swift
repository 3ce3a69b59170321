import StyleCastIO

// The errors of the CastManifest module, in the shape every StyleCast error takes (`StyleCastError`).
// A manifest that cannot be read at all is a `FileReadError`; everything else wrong with one,
// syntax included, is a `ManifestProblem` of its `ManifestErrors`.

/// One thing wrong with a manifest, at the place in the file it concerns.
public struct ManifestProblem: Equatable, Sendable {
    public let position: SourcePosition
    public let message: String

    public init(position: SourcePosition, message: String) {
        self.position = position
        self.message = message
    }
}

/// Everything wrong with a manifest, reported together so one edit pass can fix it all. Each
/// line reads `file:line:column: message`, in file order: the subject of each is in its line.
public struct ManifestErrors: StyleCastError, Equatable, Sendable {
    public let file: String
    public let problems: [ManifestProblem]

    /// Sorts by position; problems at one place keep the order they were found in.
    public init(file: String, problems: [ManifestProblem]) {
        self.file = file
        self.problems = problems.enumerated()
            .sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }
            .map(\.element)
    }

    public var lines: [String] { problems.map { "\(file):\($0.position): \($0.message)" } }
    public var subject: String? { nil }
    public var reason: String { lines.joined(separator: "\n") }
}

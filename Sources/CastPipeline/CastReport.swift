import Foundation

/// What a cast run did (or, with --dry-run, would do).
public struct CastReport: Sendable {
    public enum Status: String, Sendable {
        case made = "made"
        case upToDate = "up to date"
        case wouldMake = "would make"
        case wouldKeep = "up to date, would keep"
    }

    public struct Character: Sendable {
        public var name: String
        public var status: Status
        public var reason: String
        /// Nil in a dry run for a character that would get a new actor.
        public var actorID: Int?
        public var actorCreated: Bool
        /// Project-relative paths of its walk sheet and face set.
        public var files: [String]
    }

    public var projectRoot: String
    public var engine: String
    public var manifest: String
    public var dryRun: Bool
    public var jobs: Int
    public var recoveredInterruptedRun = false
    public var characters: [Character] = []
    /// Project files written (art and data/Actors.json); StyleCast's own state is left out.
    public var written: [String] = []
    /// Files whose bytes were already what this run makes.
    public var unchanged: [String] = []
    public var previewIndex: String?
    /// Dry run: files the run would refuse to replace without --force.
    public var refusedWithoutForce: [String] = []
    /// Wall time per stage, summed over characters.
    public var timings: [(stage: String, seconds: Double)] = []
    public var wallSeconds: Double = 0

    init(projectRoot: String, engine: String, manifest: String, dryRun: Bool, jobs: Int) {
        self.projectRoot = projectRoot
        self.engine = engine
        self.manifest = manifest
        self.dryRun = dryRun
        self.jobs = jobs
    }

    /// The summary a person reads after the run.
    public var lines: [String] {
        var lines: [String] = []
        if recoveredInterruptedRun { lines.append("Rolled back an interrupted earlier run first.") }
        lines.append("\(dryRun ? "Dry run: nothing written. " : "")\(engine) project \(projectRoot), manifest \(manifest)")
        let width = characters.map(\.name.count).max() ?? 0
        for character in characters {
            let padded = character.name + String(repeating: " ", count: max(0, width - character.name.count))
            let actor = character.actorID.map { "actor \($0)\(character.actorCreated ? " (new)" : "")" } ?? "new actor"
            lines.append("  \(padded)  \(character.status.rawValue) (\(character.reason)); \(actor); \(character.files.joined(separator: ", "))")
        }
        if dryRun {
            let making = characters.filter { $0.status == .wouldMake }.count
            lines.append(making == 0 ? "Nothing would change in the art: every character is up to date (actor fields are still applied)."
                                     : "\(making) of \(characters.count) characters would be made; the rest are up to date.")
            if !refusedWithoutForce.isEmpty {
                lines.append("The run would stop without --force: StyleCast did not write, or someone edited since, \(refusedWithoutForce.joined(separator: ", ")).")
            }
            return lines
        }
        if written.isEmpty {
            lines.append("Nothing changed: every file is already what the manifest makes.")
        } else {
            lines.append("Wrote \(written.count) file\(written.count == 1 ? "" : "s"): \(written.joined(separator: ", "))")
        }
        if !timings.isEmpty {
            let parts = timings.map { String(format: "%@ %.2f s", $0.stage, $0.seconds) }
            lines.append("Stage times (summed over characters): " + parts.joined(separator: ", "))
        }
        lines.append(String(format: "Wall time %.1f s with %d job%@.", wallSeconds, jobs, jobs == 1 ? "" : "s"))
        if let previewIndex { lines.append("Preview: \(previewIndex)") }
        return lines
    }
}

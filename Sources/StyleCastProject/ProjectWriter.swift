import Foundation
import StyleCastIO

/// Exports characters into one project in one transaction: opens and checks the project,
/// takes its lock, rolls back any interrupted earlier run, collects characters with `add`,
/// then writes everything with `commit`. The lock is held until the commit ends (whether it
/// succeeds or fails) or the writer is released.
public final class ProjectWriter {
    public struct Options {
        /// Overwrite files StyleCast did not write, or that were edited since it wrote them.
        public var force = false
        /// Called after each file is moved into place during commit; throwing from it aborts
        /// the commit, which rolls back.
        public var progress: ((_ committed: Int, _ path: String) throws -> Void)?

        public init(force: Bool = false, progress: ((_ committed: Int, _ path: String) throws -> Void)? = nil) {
            self.force = force
            self.progress = progress
        }
    }

    /// What a commit did, by project-relative path.
    public struct CommitReport: Equatable, Sendable {
        public var written: [String]
        /// Files whose bytes were already what this run would write.
        public var unchanged: [String]
    }

    public let project: RPGMakerProject
    public let exporter: any Exporter
    /// Whether opening rolled back an earlier, interrupted run.
    public let recoveredInterruptedRun: Bool
    public private(set) var workspace: ExportWorkspace
    public private(set) var exported: [ExportedCharacter] = []

    private let options: Options
    private var lock: ProjectLock?
    private let actorsBytesAtStart: [UInt8]
    private let record: WrittenRecord
    private var committed = false
    /// StyleCast's own state files to write with the commit, by name inside `.stylecast/`.
    private var stateFiles: [(name: String, bytes: [UInt8])] = []

    public init(projectPath: String, options: Options = Options()) throws {
        // Everything that can be checked without writing is checked before the lock folder
        // is created.
        let project = try RPGMakerProject(at: projectPath)
        try project.checkWritable()
        lock = try ProjectLock(project: project)
        recoveredInterruptedRun = try ProjectTransaction.recover(project)
        actorsBytesAtStart = try FileSystem.read(project.absolutePath(ActorsTable.relativePath))
        record = try WrittenRecord(project: project)
        workspace = ExportWorkspace(project: project, actors: try project.loadActors(), written: record)
        self.project = project
        self.exporter = project.engine.exporter
        self.options = options
    }

    /// Queues one character; nothing is written until `commit`.
    @discardableResult
    public func add(_ character: CharacterExport) throws -> ExportedCharacter {
        try checkNotCommitted()
        let result = try exporter.export(character, into: &workspace)
        exported.append(result)
        return result
    }

    /// The files among `paths` (project-relative) that exist but that StyleCast did not write,
    /// or that were edited since: those `commit` refuses to overwrite without `force`. A
    /// pipeline asks before it spends time making what would replace them.
    public static func filesNotOwned(_ paths: [String], in project: RPGMakerProject) throws -> [String] {
        let record = try WrittenRecord(project: project)
        return try paths.filter { path in
            let target = project.absolutePath(path)
            guard FileSystem.exists(target) else { return false }
            return !record.wrote(try FileSystem.read(target), to: path)
        }
    }

    /// The refusal `commit` gives for `paths`, for callers that check early.
    public static func refusal(toOverwrite paths: [String], in project: RPGMakerProject) -> ProjectError {
        ProjectError(subject: project.root, reason: "will not overwrite files StyleCast did not write, or that were edited since it wrote them: \(paths.joined(separator: ", ")); pass --force to overwrite them")
    }

    /// Queues a file of StyleCast's own state, `.stylecast/<name>`, to land in the same
    /// transaction as the art it describes. It is StyleCast's, so the check for files edited by
    /// someone else does not apply, and it is written only when its bytes change.
    public func putState(_ bytes: [UInt8], named name: String) throws {
        try checkNotCommitted()
        let reserved = [ProjectTransaction.journalName, "lock", (WrittenRecord.relativePath as NSString).lastPathComponent]
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix("staging-"), !reserved.contains(name) else {
            throw ProjectError(subject: name, reason: "is not a usable state file name")
        }
        stateFiles.removeAll { $0.name == name }
        stateFiles.append((name, bytes))
    }

    /// Writes every queued file, the merged `data/Actors.json` and the record, or nothing.
    public func commit() throws -> CommitReport {
        try checkNotCommitted()
        committed = true
        defer { lock = nil }
        var files: [ProjectTransaction.File] = []
        var report = CommitReport(written: [], unchanged: [])
        var newRecord = record
        var refused: [String] = []
        for path in workspace.pendingPaths {
            let bytes = workspace.pending(path)!
            let target = project.absolutePath(path)
            newRecord.hashes[path] = SHA256.hexDigest(bytes)
            if FileSystem.exists(target) {
                let current = try FileSystem.read(target)
                if current == bytes {
                    report.unchanged.append(path)
                    continue
                }
                if !record.wrote(current, to: path) && !options.force { refused.append(path) }
            }
            files.append(.init(path: path, bytes: bytes))
        }
        guard refused.isEmpty else { throw Self.refusal(toOverwrite: refused, in: project) }

        let actorsPath = project.absolutePath(ActorsTable.relativePath)
        guard try FileSystem.read(actorsPath) == actorsBytesAtStart else {
            throw ProjectError(subject: actorsPath, reason: "was changed by another program while StyleCast ran; nothing was written, run again")
        }
        let actorsBytes = workspace.actors.serialized()
        if actorsBytes != actorsBytesAtStart {
            files.append(.init(path: ActorsTable.relativePath, bytes: actorsBytes))
        }
        for state in stateFiles {
            let path = ".stylecast/" + state.name
            if (try? FileSystem.read(project.absolutePath(path))) != state.bytes {
                files.append(.init(path: path, bytes: state.bytes))
            }
        }
        if newRecord != record {
            files.append(.init(path: WrittenRecord.relativePath, bytes: newRecord.serialized()))
        }
        try ProjectTransaction.commit(files, in: project, progress: options.progress)
        report.written = files.map(\.path)
        return report
    }

    /// A writer's view of the project is stale once it has committed; open a new one.
    private func checkNotCommitted() throws {
        guard !committed else {
            throw ProjectError(subject: project.root, reason: "this export has already been committed; start a new one")
        }
    }
}

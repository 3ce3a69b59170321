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
    /// What StyleCast wrote in the project: as of opening, then as of the commit.
    public private(set) var record: ProjectRecord

    private let options: Options
    private var lock: ProjectLock?
    private var committed = false

    public convenience init(projectPath: String, options: Options = Options()) throws {
        try self.init(project: RPGMakerProject(at: projectPath), options: options)
    }

    /// A writer for a project already opened: what it read (`data/Actors.json`, the record) is
    /// used as it is unless it changed before the lock was taken (by the rollback of an
    /// interrupted run, or another program), when the project is read again.
    public init(project opened: RPGMakerProject, options: Options = Options()) throws {
        // Everything that can be checked without writing is checked before the lock folder
        // is created.
        try opened.checkWritable()
        lock = try ProjectLock(project: opened)
        recoveredInterruptedRun = try ProjectTransaction.recover(opened)
        let project = try opened.current()
        workspace = ExportWorkspace(project: project)
        record = project.record
        self.project = project
        self.exporter = project.engine.exporter
        self.options = options
    }

    /// Queues one character; nothing is written until `commit`. `destination` is where the
    /// exporter said the character goes, for a caller that asked before (`Exporter.destination`);
    /// nil asks now.
    @discardableResult
    public func add(_ character: CharacterExport, to destination: ExportDestination? = nil) throws -> ExportedCharacter {
        try checkNotCommitted()
        let result = try exporter.export(character, to: destination ?? exporter.destination(of: character), into: &workspace)
        exported.append(result)
        return result
    }

    /// The refusal `commit` gives for `paths`, for callers that check early (`ProjectFile.isOwned`).
    public static func refusal(toOverwrite paths: [String], in project: RPGMakerProject) -> ProjectError {
        ProjectError(subject: project.root, reason: "will not overwrite files StyleCast did not write, or that were edited since it wrote them: \(paths.joined(separator: ", ")); pass --force to overwrite them")
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
            let current = try workspace.file(at: path)
            newRecord.note(bytes, at: path, fingerprint: workspace.pendingFingerprint(path))
            if let currentBytes = current.bytes {
                if currentBytes == bytes {
                    report.unchanged.append(path)
                    continue
                }
                if !current.isOwned && !options.force { refused.append(path) }
            }
            files.append(.init(path: path, bytes: bytes))
        }
        guard refused.isEmpty else { throw Self.refusal(toOverwrite: refused, in: project) }

        let actorsPath = project.absolutePath(ActorsTable.relativePath)
        guard try FileSystem.read(actorsPath) == project.actorsBytes else {
            throw ProjectError(subject: actorsPath, reason: "was changed by another program while StyleCast ran; nothing was written, run again")
        }
        let actorsBytes = workspace.actors.serialized()
        if actorsBytes != project.actorsBytes {
            files.append(.init(path: ActorsTable.relativePath, bytes: actorsBytes))
        }
        let recordChanged = newRecord != record
        if recordChanged {
            files.append(.init(path: ProjectRecord.relativePath, bytes: newRecord.serialized()))
        }
        try ProjectTransaction.commit(files, in: project, progress: options.progress)
        record = newRecord
        if recordChanged {
            // The record has replaced the two files of earlier versions; one left behind (a run
            // killed here) is never read again while record.json is there.
            for legacy in [ProjectRecord.legacyWrittenPath, ProjectRecord.legacyCastPath] {
                if let path = try? project.writablePath(legacy) { try? FileSystem.removeFile(path) }
            }
        }
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

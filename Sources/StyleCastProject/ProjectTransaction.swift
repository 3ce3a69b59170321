import Foundation
import StyleCastIO

/// Writes a set of files into a project so that the run lands whole or not at all.
///
/// 1. Every new file is written (and flushed) into `.stylecast/staging-<id>/new/`.
/// 2. A journal `.stylecast/journal.json` lists the targets, whether each existed, and the
///    folders about to be created.
/// 3. Each target in turn: the original is hard-linked (or copied) to `staging-<id>/backup/`,
///    then the staged file is renamed over it.
/// 4. Deleting the journal is the commit point; the staging folder is removed after.
///
/// A run killed anywhere before step 4 leaves the journal, and the next run rolls the project
/// back to its originals before doing anything else (`recover`).
///
/// Every path written, renamed or deleted, the journal's included, goes through
/// `RPGMakerProject.writablePath`, so neither a linked folder nor a journal from someone else
/// can reach outside the project.
enum ProjectTransaction {
    static let journalName = "journal.json"
    private static let journalPath = RPGMakerProject.stateFolderName + "/" + journalName

    struct File {
        var path: String
        var bytes: [UInt8]
    }

    /// Called with the number of files moved into place so far (a hook for tests); throwing
    /// from it aborts the commit like any other failure.
    typealias Progress = (_ committed: Int, _ path: String) throws -> Void

    static func commit(_ files: [File], in project: RPGMakerProject, progress: Progress? = nil) throws {
        guard !files.isEmpty else { return }
        let stagingName = "staging-\(getpid())-\(UInt64(Date().timeIntervalSince1970 * 1000))"
        let staging = RPGMakerProject.stateFolderName + "/" + stagingName
        // Every target is checked before anything is written.
        let targets = try files.map { try project.writablePath($0.path) }
        let foldersToCreate = missingFolders(for: files.map(\.path), in: project)
        let journal = Journal(staging: stagingName,
                              files: zip(files, targets).map { .init(path: $0.path, existed: FileSystem.exists($1)) },
                              createdFolders: foldersToCreate)
        let stagingPath = try project.writablePath(staging)
        do {
            try FileSystem.createDirectory(stagingPath)
            try FileSystem.createDirectory(stagingPath + "/new")
            try FileSystem.createDirectory(stagingPath + "/backup")
            for (index, file) in files.enumerated() {
                try AtomicFile.write(file.bytes, to: stagingPath + "/new/\(index)")
            }
            try AtomicFile.write(journal.serialized(), to: project.writablePath(journalPath))
        } catch {
            try? FileSystem.removeTree(stagingPath) // no journal yet: nothing in the project was touched
            throw error
        }

        do {
            for folder in foldersToCreate { try FileSystem.createDirectory(project.writablePath(folder)) }
            for (index, target) in targets.enumerated() {
                if journal.files[index].existed { try backUp(target, to: stagingPath + "/backup/\(index)") }
                try FileSystem.rename(stagingPath + "/new/\(index)", to: target)
                try progress?(index + 1, files[index].path)
            }
        } catch {
            // Put the originals back now rather than on the next run; if even that fails, the
            // journal stays for the next run to finish the job.
            _ = try? recover(project)
            throw error
        }
        for folder in Set(journal.files.map { ($0.path as NSString).deletingLastPathComponent }) {
            FileSystem.syncDirectory(project.absolutePath(folder))
        }
        try FileSystem.removeFile(project.writablePath(journalPath)) // the commit point
        FileSystem.syncDirectory(project.stateFolder)
        try FileSystem.removeTree(stagingPath)
    }

    /// Rolls back a run that was interrupted before its commit point, and clears what runs
    /// interrupted before or after it left: staging folders and temporary files. Returns whether
    /// there was a run to roll back. Call it with the project lock held.
    ///
    /// A journal may come with a project from someone else, so each of its paths must pass
    /// `writablePath` before anything moves; if one does not, nothing is touched.
    @discardableResult
    static func recover(_ project: RPGMakerProject) throws -> Bool {
        let state = RPGMakerProject.stateFolderName
        let journalFile = try project.writablePath(journalPath)
        var rolledBack = false
        if FileSystem.exists(journalFile) {
            let journal = try Journal(contentsOfFile: journalFile)
            let steps: [(target: String, backup: String, existed: Bool)]
            let createdFolders: [String]
            do {
                steps = try journal.files.enumerated().map { index, entry in
                    (try project.writablePath(entry.path), try project.writablePath("\(state)/\(journal.staging)/backup/\(index)"), entry.existed)
                }
                createdFolders = try journal.createdFolders.map(project.writablePath)
            } catch let error as ProjectError {
                throw ProjectError(subject: journalFile, reason: "lists a path StyleCast will not touch (\(error)), so the interrupted run it describes is not rolled back. If the project came from elsewhere, delete this journal and the staging-* folders beside it; if the link is yours, put the folder back in its place and run again")
            }
            // Newest first, so that a second interruption here is also recoverable: each step
            // is a rename or unlink that is a no-op once done.
            for step in steps.reversed() {
                if FileSystem.exists(step.backup) {
                    try FileSystem.rename(step.backup, to: step.target)
                } else if !step.existed {
                    try FileSystem.removeFile(step.target)
                }
            }
            for folder in createdFolders.reversed() {
                rmdir(folder) // only if empty again; the folder may have gained files
            }
            try FileSystem.removeFile(journalFile)
            rolledBack = true
        }
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: project.stateFolder)) ?? []
        for name in leftovers where name.hasPrefix("staging-") {
            try FileSystem.removeTree(project.writablePath(state + "/" + name))
        }
        try removeAbandonedTemporaries(in: state, of: project)
        return rolledBack
    }

    /// Removes, from `folder` and the real folders below it, the temporary files of writes
    /// whose process has ended: a run killed while it wrote the journal or a stage picture
    /// leaves one, and nothing else ever removes it. Links are not followed.
    private static func removeAbandonedTemporaries(in folder: String, of project: RPGMakerProject) throws {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: project.absolutePath(folder))) ?? [] {
            let relative = folder + "/" + name
            var info = stat()
            guard lstat(project.absolutePath(relative), &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                try removeAbandonedTemporaries(in: relative, of: project)
            case S_IFREG where AtomicFile.isAbandonedTemporary(name):
                try FileSystem.removeFile(project.writablePath(relative))
            default:
                break
            }
        }
    }

    /// Keeps the original of `target` until the commit point: a hard link costs nothing;
    /// file systems without links get a copy.
    private static func backUp(_ target: String, to backup: String) throws {
        if link(target, backup) == 0 { return }
        try AtomicFile.write(FileSystem.read(target), to: backup)
    }

    /// The project folders the targets need that do not exist yet, parents first.
    private static func missingFolders(for paths: [String], in project: RPGMakerProject) -> [String] {
        var folders: [String] = []
        for path in paths {
            var parents: [String] = []
            var folder = (path as NSString).deletingLastPathComponent
            while !folder.isEmpty && !FileSystem.exists(project.absolutePath(folder)) {
                parents.insert(folder, at: 0)
                folder = (folder as NSString).deletingLastPathComponent
            }
            for parent in parents where !folders.contains(parent) { folders.append(parent) }
        }
        return folders
    }
}

/// The transaction journal: enough to undo every step of an interrupted commit.
struct Journal: Equatable {
    struct Entry: Equatable {
        var path: String
        var existed: Bool
    }

    var staging: String
    var files: [Entry]
    var createdFolders: [String]

    init(staging: String, files: [Entry], createdFolders: [String]) {
        self.staging = staging
        self.files = files
        self.createdFolders = createdFolders
    }

    init(contentsOfFile path: String) throws {
        let root = JSONField(try LocatedJSON(contentsOfFile: path))
        func fail(_ field: JSONField) -> JSONContentError {
            field.error("is missing or malformed; the interrupted run cannot be rolled back automatically: check the files it lists, then delete the journal")
        }
        func list(_ key: String) throws -> [JSONField] {
            guard root.value[key]?.arrayValue != nil else { throw fail(root[key]) }
            return try root[key].elements()
        }
        guard let staging = root.value["staging"]?.stringValue, staging.hasPrefix("staging-"), !staging.contains("/") else { throw fail(root["staging"]) }
        // Only the text is checked here; recovery checks each path against the disk (links).
        self.staging = staging
        files = try list("files").map { file in
            guard let path = file.value["path"]?.stringValue, ProjectPath.isPlainRelative(path),
                  let existed = file.value["existed"]?.boolValue else { throw fail(file) }
            return Entry(path: path, existed: existed)
        }
        createdFolders = try list("createdFolders").map { folder in
            guard let text = folder.value.stringValue, ProjectPath.isPlainRelative(text) else { throw fail(folder) }
            return text
        }
    }

    func serialized() -> [UInt8] {
        let root: JSONValue = [
            "staging": .string(staging),
            "files": .array(files.map { ["path": .string($0.path), "existed": .bool($0.existed)] }),
            "createdFolders": .array(createdFolders.map { .string($0) }),
        ]
        return JSONWriter.compact(root)
    }
}

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
enum ProjectTransaction {
    static let journalName = "journal.json"

    struct File {
        var path: String
        var bytes: [UInt8]
    }

    /// Called with the number of files moved into place so far (a hook for tests); throwing
    /// from it aborts the commit like any other failure.
    typealias Progress = (_ committed: Int, _ path: String) throws -> Void

    static func commit(_ files: [File], in project: RPGMakerProject, progress: Progress? = nil) throws {
        guard !files.isEmpty else { return }
        let state = project.stateFolder
        let stagingName = "staging-\(getpid())-\(UInt64(Date().timeIntervalSince1970 * 1000))"
        let staging = state + "/" + stagingName
        let foldersToCreate = missingFolders(for: files.map(\.path), in: project)
        let journal = Journal(staging: stagingName,
                              files: files.map { .init(path: $0.path, existed: FileSystem.exists(project.absolutePath($0.path))) },
                              createdFolders: foldersToCreate)
        do {
            try FileSystem.createDirectory(staging)
            try FileSystem.createDirectory(staging + "/new")
            try FileSystem.createDirectory(staging + "/backup")
            for (index, file) in files.enumerated() {
                try AtomicFile.write(file.bytes, to: staging + "/new/\(index)")
            }
            try AtomicFile.write(journal.serialized(), to: state + "/" + journalName)
        } catch {
            try? FileSystem.removeTree(staging) // no journal yet: nothing in the project was touched
            throw error
        }

        do {
            for folder in foldersToCreate { try FileSystem.createDirectory(project.absolutePath(folder)) }
            for (index, entry) in journal.files.enumerated() {
                let target = project.absolutePath(entry.path)
                if entry.existed { try backUp(target, to: staging + "/backup/\(index)") }
                try FileSystem.rename(staging + "/new/\(index)", to: target)
                try progress?(index + 1, entry.path)
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
        try FileSystem.removeFile(state + "/" + journalName) // the commit point
        FileSystem.syncDirectory(state)
        try FileSystem.removeTree(staging)
    }

    /// Rolls back a run that was interrupted before its commit point, and clears staging
    /// folders left by runs interrupted before or after it. Returns whether there was a
    /// run to roll back. Call it with the project lock held.
    @discardableResult
    static func recover(_ project: RPGMakerProject) throws -> Bool {
        let state = project.stateFolder
        let journalPath = state + "/" + journalName
        var rolledBack = false
        if FileSystem.exists(journalPath) {
            let journal = try Journal(contentsOfFile: journalPath)
            let staging = state + "/" + journal.staging
            // Newest first, so that a second interruption here is also recoverable: each step
            // is a rename or unlink that is a no-op once done.
            for (index, entry) in journal.files.enumerated().reversed() {
                let target = project.absolutePath(entry.path)
                let backup = staging + "/backup/\(index)"
                if FileSystem.exists(backup) {
                    try FileSystem.rename(backup, to: target)
                } else if !entry.existed {
                    try FileSystem.removeFile(target)
                }
            }
            for folder in journal.createdFolders.reversed() {
                rmdir(project.absolutePath(folder)) // only if empty again; the folder may have gained files
            }
            try FileSystem.removeFile(journalPath)
            rolledBack = true
        }
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: state)) ?? []
        for name in leftovers where name.hasPrefix("staging-") {
            try FileSystem.removeTree(state + "/" + name)
        }
        return rolledBack
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
        let root = try JSONDocument(contentsOfFile: path).root
        func fail(_ field: String) -> JSONContentError {
            JSONContentError(file: path, field: field, reason: "is missing or malformed; the interrupted run cannot be rolled back automatically: check the files it lists, then delete the journal")
        }
        guard let staging = root["staging"]?.stringValue, staging.hasPrefix("staging-"), !staging.contains("/") else { throw fail("staging") }
        guard let files = root["files"]?.arrayValue else { throw fail("files") }
        self.staging = staging
        self.files = try files.enumerated().map { index, file in
            guard let path = file["path"]?.stringValue, Self.isInsideProject(path),
                  let existed = file["existed"]?.boolValue else { throw fail("files[\(index)]") }
            return Entry(path: path, existed: existed)
        }
        guard let folders = root["createdFolders"]?.arrayValue else { throw fail("createdFolders") }
        createdFolders = try folders.map {
            guard let folder = $0.stringValue, Self.isInsideProject(folder) else { throw fail("createdFolders") }
            return folder
        }
    }

    /// Recovery renames and deletes what the journal lists, so it only accepts relative paths
    /// that stay inside the project.
    private static func isInsideProject(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/").contains("..")
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

import Foundation

/// The one rule for every path StyleCast writes, renames or deletes in a project, recovery
/// included: the path is project-relative with no `..`, and no part of it below the project
/// root is a link. The one exception is a last part that links to an existing file: renaming
/// over it or deleting it replaces the link, never what it points to. A link is refused even
/// when it points inside the project: the rule needs no resolving, and nothing a project folder
/// holds (a planted journal, a linked `img/`) can make StyleCast touch a file elsewhere.
/// `--force` changes none of it.
enum ProjectPath {
    /// Whether `path` stays inside the folder it is relative to as text: not absolute, no `..`,
    /// `.` or empty parts.
    static func isPlainRelative(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/")
            && path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }
}

extension RPGMakerProject {
    /// `relative` as an absolute path that StyleCast may write, rename or delete (the rule of
    /// `ProjectPath`); throws a `ProjectError` naming the link otherwise. Reading needs only
    /// `absolutePath`.
    public func writablePath(_ relative: String) throws -> String {
        guard ProjectPath.isPlainRelative(relative) else {
            throw ProjectError(subject: relative, reason: "is not a path inside the project; StyleCast writes only inside \(root)")
        }
        let parts = relative.split(separator: "/")
        var path = root
        for (index, part) in parts.enumerated() {
            path += "/" + part
            var info = stat()
            guard lstat(path, &info) == 0 else { break } // missing: StyleCast creates it, as a real folder
            guard (info.st_mode & S_IFMT) == S_IFLNK else { continue }
            let isLast = index == parts.count - 1
            if isLast && FileSystem.isFile(path) { break }
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { " to \($0)" } ?? ""
            throw ProjectError(subject: path, reason: "is a link\(target); StyleCast writes only into the project's own folders, never through a link, even with --force: put the folder itself here in place of the link")
        }
        return root + "/" + relative
    }

    /// Fails, naming the link, if a folder an export writes into is a link (see `writablePath`):
    /// a check that reads only, for runs that want to stop before they start any work.
    public func checkFoldersToWrite() throws {
        for folder in Self.foldersWritten { _ = try writablePath(folder) }
    }

    /// The folders an export writes into.
    static let foldersWritten = ["data", "img", RPGMakerExporter.charactersFolder, RPGMakerExporter.facesFolder, stateFolderName]
}

import Foundation

/// The few POSIX file operations the project writer needs, with errors that name the path.
enum FileSystem {
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Whether `path` is, or links to, a file that is not a folder.
    static func isFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFDIR
    }

    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ProjectError(subject: path, reason: "cannot read the file (\(lastError()))")
        }
        return [UInt8](data)
    }

    static func createDirectory(_ path: String) throws {
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
            throw ProjectError(subject: path, reason: "cannot create the folder (\(lastError()))")
        }
    }

    static func rename(_ from: String, to: String) throws {
        guard Foundation.rename(from, to) == 0 else {
            throw ProjectError(subject: to, reason: "cannot move \(from) into place (\(lastError()))")
        }
    }

    /// Removes a file; one that is already gone is fine.
    static func removeFile(_ path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else {
            throw ProjectError(subject: path, reason: "cannot remove the file (\(lastError()))")
        }
    }

    static func removeTree(_ path: String) throws {
        guard exists(path) else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw ProjectError(subject: path, reason: "cannot remove the folder: \(error.localizedDescription)")
        }
    }

    /// Flushes a folder's entries (the renames in it) to disk.
    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    static func lastError() -> String { String(cString: strerror(errno)) }
}

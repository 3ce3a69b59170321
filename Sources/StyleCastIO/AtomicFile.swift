import Foundation

/// Whole-file writes that never leave a half-written file: the bytes go to a temporary file in
/// the same folder, are flushed, then renamed over the target (rename is atomic on one file system).
public enum AtomicFile {
    /// Whether a write waits for the bytes to reach the disk before the rename.
    public enum Durability: Sendable {
        /// fsync before rename: after a crash the file holds either the old or the new bytes.
        case synced
        /// No fsync (still never half-written while the system runs): for bulk output that can
        /// be regenerated, such as training sets, where a sync per file would dominate the run.
        case unsynced
    }

    public static func write(_ bytes: [UInt8], to path: String, durability: Durability = .synced) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = folder + "/" + temporaryName(for: url.lastPathComponent)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            throw FileWriteError(subject: path, reason: "cannot create a file in \(folder): \(String(cString: strerror(errno)))")
        }
        var written = 0
        let ok: Bool = bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + written, raw.count - written)
                if n <= 0 { return false }
                written += n
            }
            return durability == .unsynced || fsync(fd) == 0
        }
        let writeErrno = errno
        close(fd)
        guard ok else {
            unlink(temporary)
            throw FileWriteError(subject: path, reason: "write failed: \(String(cString: strerror(writeErrno)))")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw FileWriteError(subject: path, reason: "cannot replace the file: \(reason)")
        }
    }

    /// `write`, unless the file already holds exactly `bytes`: an unchanged file keeps its
    /// inode and time, so nothing that watches it (a browser, a sync tool, make) sees a change.
    public static func writeIfChanged(_ bytes: [UInt8], to path: String, durability: Durability = .synced) throws {
        if let current = FileManager.default.contents(atPath: path), current.elementsEqual(bytes) { return }
        try write(bytes, to: path, durability: durability)
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    private static let temporaryMarker = ".stylecast-"

    /// `.<name>.stylecast-<pid>-<random>.tmp`: hidden, and naming the process that writes it.
    private static func temporaryName(for name: String) -> String {
        ".\(name)\(temporaryMarker)\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
    }

    /// Whether `name` is the temporary file of a write whose process has ended: one killed
    /// mid-write leaves it behind. A live process's file is still being written; a process of
    /// another user counts as live.
    public static func isAbandonedTemporary(_ name: String) -> Bool {
        guard name.hasPrefix("."), name.hasSuffix(".tmp"),
              let marker = name.range(of: temporaryMarker, options: .backwards) else { return false }
        let fields = name[marker.upperBound...].dropLast(4).split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 2, let pid = pid_t(fields[0]), pid > 0, UInt32(fields[1]) != nil else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}

import Foundation

/// Stops two StyleCast runs from writing one project at once: an exclusive `flock` on
/// `.stylecast/lock`, holding the owner's pid for the error message. The kernel drops the lock
/// when its process ends, however it ends, so a lock left by a killed run never blocks.
final class ProjectLock {
    private let descriptor: Int32

    init(project: RPGMakerProject) throws {
        try FileSystem.createDirectory(project.writablePath(RPGMakerProject.stateFolderName))
        let path = try project.writablePath(RPGMakerProject.stateFolderName + "/lock")
        // O_NOFOLLOW: a lock file linked elsewhere would have that file truncated.
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else {
            throw ProjectError(subject: path, reason: errno == ELOOP
                ? "is a link; StyleCast's lock must be a plain file: delete the link (the next run makes a new lock)"
                : "cannot open the lock file (\(FileSystem.lastError()))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = pread(fd, &buffer, buffer.count, 0)
            close(fd)
            let owner = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw ProjectError(subject: path, reason: "another StyleCast run\(owner.isEmpty ? "" : " (pid \(owner))") is writing to this project; wait for it to finish")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, pid, pid.count, 0)
        descriptor = fd
    }

    deinit { close(descriptor) } // closing releases the flock
}

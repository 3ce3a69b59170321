import Foundation

/// Where the bytes of a safetensors file come from: ranges are lent one at a time, so a reader
/// never needs the whole file in memory.
protocol SafeTensorsSource {
    /// The file's size in bytes.
    var count: Int { get }
    /// Calls `body` with the `count` bytes at `offset` (a range within `self.count`).
    func withBytes<Result>(at offset: Int, count: Int, path: String,
                           _ body: (UnsafeRawBufferPointer) throws -> Result) throws -> Result
    /// The `count` little-endian float32 values at `offset`.
    func float32Values(at offset: Int, count: Int, path: String) throws -> [Float]
}

extension SafeTensorsSource {
    func float32Values(at offset: Int, count: Int, path: String) throws -> [Float] {
        try withBytes(at: offset, count: 4 * count, path: path) { raw in
            (0..<count).map { Float(bitPattern: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self).littleEndian) }
        }
    }
}

/// A file in memory (tests, files built by hand).
struct SafeTensorsByteSource: SafeTensorsSource {
    let bytes: [UInt8]
    var count: Int { bytes.count }

    func withBytes<Result>(at offset: Int, count: Int, path: String,
                           _ body: (UnsafeRawBufferPointer) throws -> Result) throws -> Result {
        try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[offset ..< offset + count])) }
    }
}

/// A file on disk, read with `pread` range by range into a buffer that lives only for the call.
final class SafeTensorsFileSource: SafeTensorsSource {
    private let descriptor: Int32
    let count: Int

    init(path: String) throws {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ModelFileError(subject: path, reason: "cannot read the file (missing or not readable)")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw ModelFileError(subject: path, reason: "cannot read the file (not a regular file)")
        }
        count = Int(status.st_size)
    }

    deinit { close(descriptor) }

    func withBytes<Result>(at offset: Int, count: Int, path: String,
                           _ body: (UnsafeRawBufferPointer) throws -> Result) throws -> Result {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 16)
        defer { buffer.deallocate() }
        try read(into: buffer.baseAddress!, at: offset, count: count, path: path)
        return try body(UnsafeRawBufferPointer(rebasing: buffer[0 ..< count]))
    }

    #if _endian(little)
    /// Reads straight into the array, with no intermediate buffer: a freed multi-megabyte
    /// buffer per tensor would raise malloc's mmap threshold and leave the heap fragmented.
    func float32Values(at offset: Int, count: Int, path: String) throws -> [Float] {
        try [Float](unsafeUninitializedCapacity: count) { values, initialized in
            if count > 0 { try read(into: UnsafeMutableRawPointer(values.baseAddress!), at: offset, count: 4 * count, path: path) }
            initialized = count
        }
    }
    #endif

    private func read(into buffer: UnsafeMutableRawPointer, at offset: Int, count: Int, path: String) throws {
        var done = 0
        while done < count {
            let read = pread(descriptor, buffer + done, count - done, off_t(offset + done))
            if read < 0 && errno == EINTR { continue }
            guard read > 0 else {
                throw ModelFileError(subject: path, reason: read == 0
                    ? "the file ended at byte \(offset + done) while reading bytes \(offset)..<\(offset + count) (truncated while loading?)"
                    : "cannot read bytes \(offset)..<\(offset + count) (\(String(cString: strerror(errno))))")
            }
            done += read
        }
    }
}

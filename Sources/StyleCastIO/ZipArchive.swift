import CPNGShim

/// Just enough zip for NumPy `.npz` files: reading stored and deflated entries (zip64 sizes
/// included, as `numpy.savez` writes them), and writing stored entries.
public enum ZipArchive {
    /// Archives whose entries add up to more than this are refused before allocating: entries
    /// may share their stored bytes, so the file's size alone does not bound what they unpack to.
    public static let maximumUnpackedBytes = 1 << 30

    /// Every entry's name and contents, in directory order.
    public static func entries(of bytes: [UInt8], name path: String = "<memory>") throws -> [(name: String, data: [UInt8])] {
        func fail(_ reason: String) -> ZipError { ZipError(subject: path, reason: reason) }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        func u64(_ at: Int) -> Int { u32(at) | u32(at + 4) << 32 }

        // The end-of-central-directory record is in the last 22 + 65535 bytes.
        var end = -1
        var at = bytes.count - 22
        while at >= max(0, bytes.count - 22 - 65535) {
            if bytes[at] == 0x50, bytes[at + 1] == 0x4B, bytes[at + 2] == 0x05, bytes[at + 3] == 0x06 { end = at; break }
            at -= 1
        }
        guard end >= 0 else { throw fail("not a zip (.npz) file: no end-of-central-directory record") }
        let count = u16(end + 10)
        var offset = u32(end + 16)
        var result: [(name: String, data: [UInt8])] = []
        var unpacked = 0
        for _ in 0..<count {
            guard offset >= 0, offset + 46 <= bytes.count, u32(offset) == 0x0201_4B50 else {
                throw fail("corrupt zip central directory")
            }
            let flags = u16(offset + 8), method = u16(offset + 10), crc = UInt32(u32(offset + 16))
            var compressedSize = u32(offset + 20), size = u32(offset + 24)
            let nameLength = u16(offset + 28), extraLength = u16(offset + 30), commentLength = u16(offset + 32)
            var localOffset = u32(offset + 42)
            guard offset + 46 + nameLength + extraLength <= bytes.count else { throw fail("corrupt zip central directory") }
            let entryName = String(decoding: bytes[offset + 46 ..< offset + 46 + nameLength], as: UTF8.self)
            // Zip64: the 0xFFFFFFFF fields are given, in order, in extra field 0x0001.
            var extra = offset + 46 + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = u16(extra), length = u16(extra + 2)
                guard length <= extraEnd - extra - 4 else {
                    throw fail("entry '\(entryName)' has an extra field running past its header; the file is corrupt")
                }
                if id == 1 {
                    var field = extra + 4
                    for slot in 0..<3 where field + 8 <= extra + 4 + length {
                        switch slot {
                        case 0 where size == 0xFFFF_FFFF: size = u64(field); field += 8
                        case 1 where compressedSize == 0xFFFF_FFFF: compressedSize = u64(field); field += 8
                        case 2 where localOffset == 0xFFFF_FFFF: localOffset = u64(field); field += 8
                        default: break
                        }
                    }
                }
                extra += 4 + length
            }
            guard flags & 1 == 0 else { throw fail("entry '\(entryName)' is encrypted") }
            guard size >= 0, size <= maximumUnpackedBytes - unpacked, compressedSize >= 0, compressedSize <= bytes.count else {
                throw fail("entry '\(entryName)' is too large (\(size) bytes; an archive may unpack to at most \(maximumUnpackedBytes) bytes)")
            }
            unpacked += size
            // A larger stated size than deflate can expand to is a corrupt (or hostile) entry,
            // refused before its output buffer is allocated.
            guard size <= compressedSize * Int(STYLECAST_DEFLATE_MAX_EXPANSION) + 1024 else {
                throw fail("entry '\(entryName)' states \(size) bytes from only \(compressedSize) compressed; the file is corrupt")
            }
            guard localOffset >= 0, localOffset <= bytes.count - 30, u32(localOffset) == 0x0403_4B50 else {
                throw fail("entry '\(entryName)' has a corrupt local header")
            }
            let dataStart = localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28)
            guard dataStart + compressedSize <= bytes.count else { throw fail("entry '\(entryName)' runs past the end of the file") }
            let stored = Array(bytes[dataStart ..< dataStart + compressedSize])
            var data: [UInt8]
            switch method {
            case 0:
                guard compressedSize == size else { throw fail("stored entry '\(entryName)' has inconsistent sizes") }
                data = stored
            case 8:
                data = [UInt8](repeating: 0, count: size)
                var message = [CChar](repeating: 0, count: 128)
                let ok = stored.withUnsafeBufferPointer { input in
                    data.withUnsafeMutableBufferPointer { output in
                        stylecast_inflate_raw(input.baseAddress, input.count, output.baseAddress, output.count, &message)
                    }
                }
                guard ok == 1 else {
                    throw fail("entry '\(entryName)': " + String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
                }
            default:
                throw fail("entry '\(entryName)' uses compression method \(method); only stored and deflate are read")
            }
            guard crc32(data) == crc else { throw fail("entry '\(entryName)' fails its CRC check (corrupt file)") }
            result.append((entryName, data))
            offset += 46 + nameLength + extraLength + commentLength
        }
        return result
    }

    /// A zip of stored (uncompressed) entries with fixed timestamps, so equal input gives equal bytes.
    public static func encodeStored(_ entries: [(name: String, data: [UInt8])]) -> [UInt8] {
        func u16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
        func u32(_ value: Int) -> [UInt8] { u16(value & 0xFFFF) + u16(value >> 16 & 0xFFFF) }
        let dosTime = 0, dosDate = 0x21  // 1980-01-01 00:00, the zip epoch
        var out: [UInt8] = [], directory: [UInt8] = []
        for entry in entries {
            let name = Array(entry.name.utf8), crc = Int(crc32(entry.data)), size = entry.data.count
            let common = u16(20) + u16(0) + u16(0) + u16(dosTime) + u16(dosDate) + u32(crc) + u32(size) + u32(size) + u16(name.count) + u16(0)
            directory += u32(0x0201_4B50) + u16(20) + common + u16(0) + u16(0) + u16(0) + u32(0) + u32(out.count) + name
            out += u32(0x0403_4B50) + common + name + entry.data
        }
        let directoryOffset = out.count
        out += directory
        out += u32(0x0605_4B50) + u16(0) + u16(0) + u16(entries.count) + u16(entries.count)
            + u32(directory.count) + u32(directoryOffset) + u16(0)
        return out
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        data.withUnsafeBufferPointer { stylecast_crc32($0.baseAddress, $0.count) }
    }
}

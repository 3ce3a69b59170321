import XCTest
@testable import StyleCastIO

final class ZipTests: XCTestCase {
    /// A one-entry stored zip whose central directory gives the sizes and the local header's
    /// offset as zip64 (0xFFFFFFFF, the real values in extra field 1), as writers do for entries
    /// past 4 GiB. `localOffset` replaces the true offset (0).
    static func zip64(name: String, data: [UInt8], localOffset: UInt64 = 0) -> [UInt8] {
        func u64(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) } }
        let plain = ZipArchive.encodeStored([(name, data)])
        let directory = 30 + name.utf8.count + data.count // the local header and data come first
        var entry = Array(plain[directory ..< directory + 46 + name.utf8.count])
        for field in [20, 24, 42] { entry.replaceSubrange(field ..< field + 4, with: [0xFF, 0xFF, 0xFF, 0xFF]) }
        entry[30] = 28 // extra field length
        entry += [1, 0, 24, 0] + u64(UInt64(data.count)) + u64(UInt64(data.count)) + u64(localOffset)
        var end = Array(plain[(plain.count - 22)...])
        end[12] += 28 // the central directory's size (one entry, so under 256)
        return Array(plain[..<directory]) + entry + end
    }

    func testZip64SizesAreRead() throws {
        let array = NPYArray(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(try NPZ.decode(Self.zip64(name: "w.npy", data: NPY.encode(array))), ["w": array])
    }

    /// A zip64 offset near Int.max overflowed when the local header's end was worked out.
    func testZip64OffsetPastTheFileIsAnError() {
        let bytes = Self.zip64(name: "w.npy", data: [1, 2, 3], localOffset: UInt64(Int.max))
        XCTAssertThrowsError(try ZipArchive.entries(of: bytes, name: "evil.npz")) { error in
            XCTAssertEqual("\(error)", "evil.npz: entry 'w.npy' has a corrupt local header")
        }
    }

    func testExtraFieldLongerThanItsHeaderIsAnError() {
        var bytes = Self.zip64(name: "w.npy", data: [1, 2, 3])
        let extra = 30 + 5 + 3 + 46 + 5 // the zip64 field, after the local entry and the directory entry's name
        bytes[extra + 2] = 0xFF
        XCTAssertThrowsError(try ZipArchive.entries(of: bytes, name: "evil.npz")) { error in
            XCTAssertTrue("\(error)".hasPrefix("evil.npz: entry 'w.npy' has an extra field running past"), "\(error)")
        }
    }
}

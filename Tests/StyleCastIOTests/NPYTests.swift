import Foundation
import XCTest
@testable import StyleCastIO

final class NPYTests: XCTestCase {
    /// A `.npy` with the given header dictionary text, followed by `data`. Version 1.0 has a
    /// 2-byte header length, 2.0 a 4-byte one.
    static func npy(header: String, data: [UInt8] = [], version: UInt8 = 1) -> [UInt8] {
        let text = Array((header + "\n").utf8)
        let length = (0..<(version == 1 ? 2 : 4)).map { UInt8(truncatingIfNeeded: text.count >> (8 * $0)) }
        return [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, version, 0] + length + text + data
    }

    func testRoundTrip() throws {
        let array = NPYArray(shape: [1, 2, 3], values: [1, -2, 0.5, 0, 3e-8, 7])
        XCTAssertEqual(try NPY.decode(NPY.encode(array)), array)
    }

    /// Issue 12: (2^32, 2^32) wraps to 0 elements, which an empty body "matched"; building the
    /// array then trapped on the overflowing product.
    func testShapeWhoseElementCountOverflowsIsAnError() throws {
        let bytes = Self.npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296), }")
        let path = NSTemporaryDirectory() + "stylecast-evil-\(UUID().uuidString).npy"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertThrowsError(try NPY.read(path: path)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix(path + ":") && text.contains("(4294967296, 4294967296)"), text)
        }
    }

    func testShapeLargerThanTheDataIsAnError() {
        // 2^62 elements do not overflow Int, but 4 bytes each would; the body is 8 bytes.
        let bytes = Self.npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904,), }",
                             data: [UInt8](repeating: 0, count: 8))
        XCTAssertThrowsError(try NPY.decode(bytes, name: "big.npy")) { error in
            XCTAssertTrue("\(error)".hasPrefix("big.npy:"), "\(error)")
        }
    }

    func testNegativeDimensionIsAnError() {
        let bytes = Self.npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (-1, -4), }", data: [0, 0, 0, 0])
        XCTAssertThrowsError(try NPY.decode(bytes, name: "neg.npy")) { error in
            XCTAssertTrue("\(error)".contains("neg.npy"), "\(error)")
        }
    }
}

import Foundation
import XCTest
@testable import StyleGAN

final class SafeTensorsTests: XCTestCase {
    func testHeaderLengthPastTheFileIsAnError() {
        var bytes = [UInt8](repeating: 0, count: 16)
        bytes[0] = 0xFF; bytes[1] = 0xFF
        XCTAssertThrowsError(try SafeTensorsFile(bytes: bytes, path: "bad.safetensors")) { error in
            XCTAssertTrue(String(describing: error).contains("bad.safetensors"))
        }
    }

    /// A small file with F32 tensors at unaligned offsets, F16 and F64, and metadata.
    static func mixedFile() -> [UInt8] {
        let header = #"{"__metadata__": {"class": "x"}, "a": {"dtype": "F32", "shape": [2, 2], "data_offsets": [2, 18]}, "# +
            #""h": {"dtype": "F16", "shape": [1], "data_offsets": [0, 2]}, "d": {"dtype": "F64", "shape": [1], "data_offsets": [18, 26]}, "# +
            #""e": {"dtype": "F32", "shape": [0], "data_offsets": [26, 26]}}"#
        let json = Array(header.utf8)
        var bytes: [UInt8] = (0..<8).map { UInt8(truncatingIfNeeded: json.count >> (8 * $0)) } + json
        bytes += [0x00, 0x3E]  // 1.5 in float16
        for value: Float in [1, -2, 0.25, 3e-8] { bytes += withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init) }
        bytes += withUnsafeBytes(of: (-0.5 as Double).bitPattern.littleEndian, Array.init)
        return bytes
    }

    func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "safetensors-\(UUID().uuidString).safetensors"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testFileOnDiskReadsLikeTheSameBytesInMemory() throws {
        let bytes = Self.mixedFile()
        let path = try temporaryFile(bytes)
        let onDisk = try SafeTensorsFile(path: path), inMemory = try SafeTensorsFile(bytes: bytes, path: path)
        XCTAssertEqual(onDisk.metadata, ["class": "x"])
        XCTAssertEqual(onDisk.tensors["a"]?.data, [1, -2, 0.25, 3e-8])
        XCTAssertEqual(onDisk.tensors["a"]?.shape, [2, 2])
        XCTAssertEqual(onDisk.tensors["h"]?.data, [1.5])
        XCTAssertEqual(onDisk.tensors["d"]?.data, [-0.5])
        XCTAssertEqual(onDisk.tensors["e"]?.data, [])
        XCTAssertEqual(Set(onDisk.tensors.keys), Set(inMemory.tensors.keys))
        for (name, tensor) in inMemory.tensors {
            XCTAssertEqual(onDisk.tensors[name]?.data, tensor.data, name)
            XCTAssertEqual(onDisk.tensors[name]?.shape, tensor.shape, name)
        }
    }

    func testTruncatedMissingAndNonRegularFilesAreNamedErrors() throws {
        let truncated = try temporaryFile(Array(Self.mixedFile().dropLast(3)))
        let directory = NSTemporaryDirectory()
        for (path, expected) in [(truncated, "lie outside the data block"),
                                 (directory + "no-such-model.safetensors", "cannot read the file (missing or not readable)"),
                                 (directory, "not a regular file")] {
            XCTAssertThrowsError(try SafeTensorsFile(path: path)) { error in
                let text = String(describing: error)
                XCTAssertTrue(text.hasPrefix(path + ": ") && text.contains(expected), text)
            }
        }
    }

    /// Each tensor gets its own buffer, so tensors sharing bytes could make a small file cost
    /// many times its size.
    func testTensorsSharingBytesAreAnError() {
        let header = Array(#"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "b": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}"#.utf8)
        let bytes = (0..<8).map { UInt8(truncatingIfNeeded: header.count >> (8 * $0)) } + header + [UInt8](repeating: 0, count: 8)
        XCTAssertThrowsError(try SafeTensorsFile(bytes: bytes, path: "shared.safetensors")) { error in
            XCTAssertTrue("\(error)".hasPrefix("shared.safetensors: tensor ") && "\(error)".contains("overlap"), "\(error)")
        }
    }

    /// The header lists `__metadata__` (keys sorted), then the tensors in the order their bytes
    /// lie, as tools/safetensors_numpy.py writes it; the file reads back the same.
    func testWrittenHeaderFollowsTheDataOrder() throws {
        let tensors = ["synthesis.b12.w": Tensor(shape: [1], data: [1]), "synthesis.b192.w": Tensor(shape: [2], data: [2, 3]),
                       "synthesis.b24.w": Tensor(shape: [1], data: [4])]
        let file = SafeTensorsFile(path: "w.safetensors", metadata: ["z": "a/b \"c\"", "a": "é"], tensors: tensors)
        let bytes = try file.serialized()
        let length = Int(bytes[0]) | Int(bytes[1]) << 8
        XCTAssertEqual(String(decoding: bytes[8..<(8 + length)], as: UTF8.self).trimmingCharacters(in: .whitespaces),
                       #"{"__metadata__":{"a":"é","z":"a/b \"c\""},"synthesis.b12.w":{"data_offsets":[0,4],"dtype":"F32","shape":[1]},"#
                       + #""synthesis.b192.w":{"data_offsets":[4,12],"dtype":"F32","shape":[2]},"#
                       + #""synthesis.b24.w":{"data_offsets":[12,16],"dtype":"F32","shape":[1]}}"#)
        XCTAssertEqual((8 + length) % 8, 0)
        let read = try SafeTensorsFile(bytes: bytes, path: "w.safetensors")
        XCTAssertEqual(read.metadata, file.metadata)
        XCTAssertEqual(read.tensors.mapValues(\.data), file.tensors.mapValues(\.data))
    }

    func testFixtureModelLoads() throws {
        let path = fixturesRoot + "/sg2-skip-32/model.safetensors"
        try XCTSkipUnless(FileManager.default.fileExists(atPath: path), "fixtures not present")
        let file = try SafeTensorsFile(path: path)
        XCTAssertEqual(file.metadata["class"], "networks_stylegan2.Generator")
        XCTAssertNotNil(file.tensors["mapping.fc0.weight"])
    }
}

/// `../shared/fixtures/stylegan` beside the repository root.
let fixturesRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.deletingLastPathComponent().appendingPathComponent("shared/fixtures/stylegan").path
}()

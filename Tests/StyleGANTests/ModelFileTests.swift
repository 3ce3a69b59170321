import Foundation
import XCTest
@testable import StyleGAN

/// Bad model files are clear errors naming the file, never crashes or huge allocations.
final class ModelFileTests: XCTestCase {
    /// safetensors bytes: 8-byte header length, JSON header, data.
    func safetensors(header: String, data: [UInt8] = []) -> [UInt8] {
        let json = Array(header.utf8)
        let bytes: [UInt8] = (0..<8).map { UInt8(truncatingIfNeeded: json.count >> (8 * $0)) }
        return bytes + json + data
    }

    func assertModelError(_ bytes: [UInt8], contains text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try Generator(file: SafeTensorsFile(bytes: bytes, path: "m.safetensors")), file: file, line: line) { error in
            let message = "\(error)"
            XCTAssertTrue(message.hasPrefix("m.safetensors: ") && message.contains(text), message, file: file, line: line)
        }
    }

    func testWrongMagicTruncatedHeaderAndAbsurdShapes() {
        assertModelError(Array("PK\u{3}\u{4} not a model at all".utf8), contains: "not a safetensors file")
        assertModelError([1, 0, 0], contains: "shorter")
        assertModelError(safetensors(header: #"{"a": {"dtype": "F32", "shape": [1073741824, 1073741824], "data_offsets": [0, 4]}}"#, data: [0, 0, 0, 0]),
                         contains: "larger than the file")
        assertModelError(safetensors(header: #"{"a": {"dtype": "F32", "shape": [0.5], "data_offsets": [0, 4]}}"#, data: [0, 0, 0, 0]),
                         contains: "invalid shape")
        assertModelError(safetensors(header: #"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 800]}}"#, data: [0, 0, 0, 0]),
                         contains: "outside the data block")
        assertModelError(safetensors(header: #"{"a": {"dtype": "I32", "shape": [1], "data_offsets": [0, 4]}}"#, data: [0, 0, 0, 0]),
                         contains: "unsupported dtype I32")
        assertModelError(safetensors(header: #"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}"#, data: [0, 0, 0, 0]),
                         contains: "no 'class'")
    }

    func testHalfAndBFloat16TensorsAreReadAsFloat32() throws {
        // 1.5 and -2 in float16 (0x3E00, 0xC000) and bfloat16 (0x3FC0, 0xC000).
        let bytes = safetensors(header: #"{"h": {"dtype": "F16", "shape": [2], "data_offsets": [0, 4]}, "b": {"dtype": "BF16", "shape": [2], "data_offsets": [4, 8]}}"#,
                                data: [0x00, 0x3E, 0x00, 0xC0, 0xC0, 0x3F, 0x00, 0xC0])
        let file = try SafeTensorsFile(bytes: bytes, path: "h.safetensors")
        XCTAssertEqual(file.tensors["h"]?.data, [1.5, -2])
        XCTAssertEqual(file.tensors["b"]?.data, [1.5, -2])
    }

    /// A valid random model's tensors with one change, as a loadable file.
    func modified(_ change: (inout [String: Tensor], inout [String: String]) -> Void) throws -> SafeTensorsFile {
        let spec = try GeneratorSpec(className: GeneratorFamily.styleGAN2.rawValue, initKwargsJSON: tinyKwargs())
        let base = try RandomGenerator.file(spec: spec)
        var tensors = base.tensors, metadata = base.metadata
        change(&tensors, &metadata)
        return SafeTensorsFile(path: "m.safetensors", metadata: metadata, tensors: tensors)
    }

    func assertLoadError(_ file: SafeTensorsFile, contains text: String, line: UInt = #line) {
        XCTAssertThrowsError(try Generator(file: file), line: line) { error in
            XCTAssertTrue("\(error)".hasPrefix("m.safetensors: ") && "\(error)".contains(text), "\(error)", line: line)
        }
    }

    func testMissingWrongShapedExtraTensorsAndMetadataMismatches() throws {
        XCTAssertNoThrow(try Generator(file: modified { _, _ in }))
        assertLoadError(try modified { t, _ in t["synthesis.b8.conv0.weight"] = nil },
                        contains: "missing tensor 'synthesis.b8.conv0.weight' (expected shape [16, 16, 3, 3])")
        assertLoadError(try modified { t, _ in t["mapping.fc1.weight"] = Tensor(zeros: [16, 15]) },
                        contains: "tensor 'mapping.fc1.weight' has shape [16, 15], expected [16, 16]")
        assertLoadError(try modified { t, _ in t["synthesis.b8.skip.weight"] = Tensor(zeros: [16, 16, 1, 1]) },
                        contains: "unexpected tensor 'synthesis.b8.skip.weight'")
        assertLoadError(try modified { t, _ in t["synthesis.b8.resample_filter"] = Tensor(zeros: [4, 4]) },
                        contains: "not the resample filter")
        assertLoadError(try modified { _, m in m["num_ws"] = "9" }, contains: "num_ws is 9 but init_kwargs imply 4")
        assertLoadError(try modified { _, m in m["init_kwargs"] = tinyKwargs(extra: #", "architecture": "nope""#) },
                        contains: "init_kwargs.architecture")
        assertLoadError(try modified { _, m in m["class"] = GeneratorFamily.styleGAN3.rawValue; m["num_ws"] = nil },
                        contains: "StyleGAN3")
    }
}

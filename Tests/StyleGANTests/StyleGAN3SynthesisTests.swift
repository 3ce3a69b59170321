import Foundation
import StyleCastIO
import XCTest
@testable import StyleGAN

/// StyleGAN3 synthesis against the official NVlabs outputs in the shared fixtures.
final class StyleGAN3SynthesisTests: XCTestCase {
    func testConfigRMatchesOfficialOutputs() throws {
        try checkAllCases(folder: "sg3-r-32")
    }

    func testConfigTMatchesOfficialOutputs() throws {
        try checkAllCases(folder: "sg3-t-64")
    }

    /// The loader's (name, shape) list is exactly the fixture's `synthesis.*` tensors.
    func testTensorListMatchesOfficialStateDict() throws {
        for folder in ["sg3-r-32", "sg3-t-64"] {
            let model = try StyleGAN3Fixture(folder: folder)
            let architecture = try StyleGAN3Architecture(initKwargs: model.initKwargs, source: folder)
            var expected: [String: [Int]] = [:]
            for (name, tensor) in model.file.tensors where name.hasPrefix("synthesis.") {
                expected[name] = tensor.shape
            }
            var listed: [String: [Int]] = [:]
            for entry in architecture.tensorShapes { listed[entry.name] = entry.shape }
            XCTAssertEqual(listed, expected, folder)
            XCTAssertEqual(architecture.numWs, Int(model.file.metadata["num_ws"] ?? ""), folder)
        }
    }

    func testSameInputGivesIdenticalOutput() throws {
        let model = try StyleGAN3Fixture(folder: "sg3-r-32")
        let synthesis = try StyleGAN3Synthesis(file: model.file, initKwargs: model.initKwargs)
        let ws = try model.array("mix.ws.npy").values
        let first = synthesis.synthesize(ws: ws, noiseMode: .const, noiseSeed: 0)
        let second = synthesis.synthesize(ws: ws, noiseMode: .random, noiseSeed: 99)
        XCTAssertEqual(first.data, second.data)
    }

    func testMissingTensorIsNamed() throws {
        let model = try StyleGAN3Fixture(folder: "sg3-t-64")
        var tensors = model.file.tensors
        tensors["synthesis.L4_52_64.up_filter"] = nil
        let file = try SafeTensorsFile(bytes: safetensorsBytes(tensors), path: "broken.safetensors")
        XCTAssertThrowsError(try StyleGAN3Synthesis(file: file, initKwargs: model.initKwargs)) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("broken.safetensors"), text)
            XCTAssertTrue(text.contains("missing tensor 'synthesis.L4_52_64.up_filter'"), text)
        }
    }

    func testWrongShapeIsNamed() throws {
        let model = try StyleGAN3Fixture(folder: "sg3-r-32")
        var tensors = model.file.tensors
        // A separable filter where config R stores a radial 2-D one.
        tensors["synthesis.L2_36_64.down_filter"] = Tensor(zeros: [12])
        let file = try SafeTensorsFile(bytes: safetensorsBytes(tensors), path: "broken.safetensors")
        XCTAssertThrowsError(try StyleGAN3Synthesis(file: file, initKwargs: model.initKwargs)) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("'synthesis.L2_36_64.down_filter' has shape [12], expected [12, 12]"), text)
        }
    }

    func testUnexpectedSynthesisTensorIsNamed() throws {
        let model = try StyleGAN3Fixture(folder: "sg3-t-64")
        var tensors = model.file.tensors
        tensors["synthesis.L15_64_3.bias"] = Tensor(zeros: [3])
        let file = try SafeTensorsFile(bytes: safetensorsBytes(tensors), path: "extra.safetensors")
        XCTAssertThrowsError(try StyleGAN3Synthesis(file: file, initKwargs: model.initKwargs)) { error in
            XCTAssertTrue(String(describing: error).contains("'synthesis.L15_64_3.bias' is not part of"), "\(error)")
        }
    }

    func testConfigTModelIsNotAcceptedAsConfigR() throws {
        let model = try StyleGAN3Fixture(folder: "sg3-t-64")
        var kwargs = model.initKwargs
        kwargs["use_radial_filters"] = true
        XCTAssertThrowsError(try StyleGAN3Synthesis(file: model.file, initKwargs: kwargs)) { error in
            XCTAssertTrue(String(describing: error).contains("down_filter' has shape [12], expected [12, 12]"))
        }
    }

    func testBadInitKwargsNameTheKey() throws {
        let model = try StyleGAN3Fixture(folder: "sg3-t-64")
        let cases: [(String, JSONValue?, String)] = [
            ("img_resolution", nil, "init_kwargs.img_resolution: is required"),
            ("channel_base", "lots", "init_kwargs.channel_base: must be a number"),
            ("conv_kernel", 2.5, "init_kwargs.conv_kernel: must be a whole number"),
            ("architecture", "skip", "init_kwargs.architecture: is not a StyleGAN3 generator argument"),
        ]
        for (key, value, message) in cases {
            var kwargs = model.initKwargs
            kwargs[key] = value
            XCTAssertThrowsError(try StyleGAN3Synthesis(file: model.file, initKwargs: kwargs)) { error in
                XCTAssertTrue(String(describing: error).contains(message), "\(key): \(error)")
            }
        }
    }

    func testNVlabsDefaultsGiveThePaperConfigurations() throws {
        // StyleGAN3-T at 256: 14 layers + ToRGB, 16 ws, 36 -> 276 -> 256 pixels, 512 channels max.
        let t = try StyleGAN3Architecture(initKwargs: ["w_dim": 512, "img_resolution": 256, "img_channels": 3],
                                          source: "defaults")
        XCTAssertEqual(t.numWs, 16)
        XCTAssertEqual(t.layers.map(\.name), [
            "L0_36_512", "L1_36_512", "L2_36_512", "L3_52_512", "L4_52_512", "L5_84_512", "L6_84_512",
            "L7_148_512", "L8_148_512", "L9_148_362", "L10_276_256", "L11_276_181", "L12_276_128",
            "L13_256_128", "L14_256_3",
        ])
        XCTAssertEqual(t.layers[0].convKernel, 3)
        XCTAssertFalse(t.layers.contains { $0.downRadial })
        XCTAssertEqual(t.convClamp, 256)
        XCTAssertEqual(t.outputScale, 0.25)
    }

    // MARK: - Fixture cases

    private func checkAllCases(folder: String) throws {
        let model = try StyleGAN3Fixture(folder: folder)
        let synthesis = try StyleGAN3Synthesis(file: model.file, initKwargs: model.initKwargs)
        var checked: [String] = []
        for item in model.cases {
            guard let tag = item["tag"] as? String, let files = item["files"] as? [String: String],
                  let wsFile = files["ws"], let imageFile = files["img"] else { continue }
            let ws = try model.array(wsFile)
            let reference = try model.array(imageFile)
            XCTAssertEqual(ws.shape, [1, synthesis.numWs, synthesis.wDim], tag)
            XCTAssertEqual(reference.shape, [1, synthesis.imageChannels, synthesis.imageHeight, synthesis.imageWidth], tag)
            let image = synthesis.synthesize(ws: ws.values, noiseMode: .const, noiseSeed: 0)
            XCTAssertEqual(image.shape, Array(reference.shape.dropFirst()), tag)
            let scale = reference.values.map(abs).max() ?? 0
            let error = zip(image.data, reference.values).map { abs($0 - $1) }.max() ?? .infinity
            XCTAssertLessThanOrEqual(error, 1e-3 * scale, "\(folder) \(tag): max error \(error) vs max |ref| \(scale)")
            checked.append(tag)
        }
        // 3 seeds x 3 truncations + the style-mixing case.
        XCTAssertEqual(checked.count, 10, "\(folder) cases checked: \(checked)")
        XCTAssertTrue(checked.contains("mix"))
    }
}

/// One fixture folder: the model file, its init_kwargs, and the cases.
struct StyleGAN3Fixture {
    let folder: String
    let file: SafeTensorsFile
    let initKwargs: JSONObject
    let cases: [[String: Any]]

    init(folder: String) throws {
        let directory = fixturesRoot + "/" + folder
        try XCTSkipUnless(FileManager.default.fileExists(atPath: directory), "fixtures not present")
        self.folder = directory
        file = try SafeTensorsFile(path: directory + "/model.safetensors")
        let kwargsText = try XCTUnwrap(file.metadata["init_kwargs"])
        initKwargs = try XCTUnwrap(JSONDocument(parsing: kwargsText).root.objectValue)
        let casesData = try Data(contentsOf: URL(fileURLWithPath: directory + "/cases.json"))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: casesData) as? [String: Any])
        cases = try XCTUnwrap(object["cases"] as? [[String: Any]])
    }

    func array(_ name: String) throws -> NPYArray {
        try NPY.read(path: folder + "/" + name)
    }
}

/// A float32 `.safetensors` file holding `tensors`, for tests that need a broken model.
func safetensorsBytes(_ tensors: [String: Tensor], metadata: [String: String] = [:]) throws -> [UInt8] {
    var header: [String: Any] = metadata.isEmpty ? [:] : ["__metadata__": metadata]
    var data: [UInt8] = []
    for name in tensors.keys.sorted() {
        let tensor = tensors[name]!
        let begin = data.count
        for value in tensor.data { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        header[name] = ["dtype": "F32", "shape": tensor.shape, "data_offsets": [begin, data.count]]
    }
    let json = [UInt8](try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]))
    var bytes: [UInt8] = []
    withUnsafeBytes(of: UInt64(json.count).littleEndian) { bytes.append(contentsOf: $0) }
    return bytes + json + data
}

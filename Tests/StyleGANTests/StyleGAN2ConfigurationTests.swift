import XCTest
@testable import StyleGAN

/// Configurations without reference fixtures (orig, resnet, RGBA, conditional, other sizes),
/// checked by internal consistency on random-weight models built from the loader's tensor lists.
final class StyleGAN2ConfigurationTests: XCTestCase {
    func spec(_ json: String) throws -> GeneratorSpec {
        try GeneratorSpec(className: GeneratorFamily.styleGAN2.rawValue, initKwargsJSON: json)
    }

    func image(_ file: SafeTensorsFile, seed: UInt32 = 1, noiseMode: NoiseMode = .const, noiseSeed: UInt64 = 0) throws -> Tensor {
        let generator = try Generator(file: file)
        let classIndex: Int? = generator.spec.cDim > 0 ? 0 : nil
        return try generator.synthesize(generator.ws(seed: seed, classIndex: classIndex, truncation: Truncation(psi: 0.8)),
                                        noiseMode: noiseMode, noiseSeed: noiseSeed)
    }

    func replacing(_ file: SafeTensorsFile, initKwargs: String? = nil, _ change: (inout [String: Tensor]) -> Void) -> SafeTensorsFile {
        var tensors = file.tensors, metadata = file.metadata
        change(&tensors)
        if let initKwargs { metadata["init_kwargs"] = initKwargs }
        return SafeTensorsFile(path: file.path, metadata: metadata, tensors: tensors)
    }

    func testEveryConfigurationRunsAndIsDeterministic() throws {
        let configurations = [
            tinyKwargs(resolution: 4), tinyKwargs(resolution: 16, extra: #", "architecture": "orig""#),
            tinyKwargs(resolution: 16, extra: #", "architecture": "resnet""#), tinyKwargs(channels: 4),
            tinyKwargs(channels: 1, cDim: 3), tinyKwargs(extra: #", "use_noise": false, "conv_clamp": null"#),
            tinyKwargs(extra: #", "resample_filter": [1, 2, 1]"#),
        ]
        for json in configurations {
            let s = try spec(json)
            let file = try RandomGenerator.file(spec: s, seed: 7)
            let first = try image(file), second = try image(file)
            XCTAssertEqual(first.shape, [s.imageChannels, s.resolution, s.resolution], json)
            XCTAssertTrue(first.data.allSatisfy(\.isFinite), json)
            XCTAssertEqual(first.data, second.data, json)
            XCTAssertGreaterThan(Set(first.data).count, first.count / 2, "output should vary: \(json)")
        }
    }

    func testNoiseModes() throws {
        let file = try RandomGenerator.file(spec: spec(tinyKwargs()))
        let const = try image(file, noiseMode: .const), none = try image(file, noiseMode: .none)
        let randomA = try image(file, noiseMode: .random, noiseSeed: 1), randomB = try image(file, noiseMode: .random, noiseSeed: 2)
        XCTAssertNotEqual(const.data, none.data)
        XCTAssertNotEqual(randomA.data, randomB.data)
        XCTAssertEqual(randomA.data, try image(file, noiseMode: .random, noiseSeed: 1).data)
        // Zero noise strength makes every mode the same.
        let silent = replacing(file) { tensors in
            for name in tensors.keys where name.hasSuffix("noise_strength") { tensors[name] = Tensor(zeros: []) }
        }
        XCTAssertEqual(try image(silent, noiseMode: .const).data, try image(silent, noiseMode: .none).data)
    }

    /// With the earlier blocks' toRGB outputs zeroed, a skip network computes what an orig network
    /// (which has toRGB only in its last block) computes with the same other weights.
    func testSkipWithSilentEarlyToRGBEqualsOrig() throws {
        let skip = try RandomGenerator.file(spec: spec(tinyKwargs(resolution: 16)), seed: 2)
        let silentSkip = replacing(skip) { tensors in
            for res in [4, 8] {
                tensors["synthesis.b\(res).torgb.weight"] = Tensor(zeros: [3, 16, 1, 1])
                tensors["synthesis.b\(res).torgb.bias"] = Tensor(zeros: [3])
            }
        }
        let orig = replacing(skip, initKwargs: tinyKwargs(resolution: 16, extra: #", "architecture": "orig""#)) { tensors in
            for name in tensors.keys where name.hasPrefix("synthesis.b4.torgb") || name.hasPrefix("synthesis.b8.torgb") {
                tensors[name] = nil
            }
        }
        let a = try image(silentSkip), b = try image(orig)
        let (error, scale) = maxError(a.data, b.data)
        XCTAssertLessThanOrEqual(error, 1e-6 * scale)
        XCTAssertGreaterThan(scale, 0)
    }

    /// A resnet block's output is shortcut + main path, and the final toRGB is linear, so the image
    /// of the full network is the sum of the images with either path of the last block silenced.
    func testResnetBlockAddsShortcutAndMainPath() throws {
        let base = try RandomGenerator.file(spec: spec(tinyKwargs(resolution: 8, extra: #", "architecture": "resnet""#)), seed: 4)
        let full = replacing(base) { $0["synthesis.b8.torgb.bias"] = Tensor(zeros: [3]) }
        let shortcutOnly = replacing(full) { tensors in
            for layer in ["conv0", "conv1"] {
                tensors["synthesis.b8.\(layer).weight"] = Tensor(zeros: tensors["synthesis.b8.\(layer).weight"]!.shape)
                tensors["synthesis.b8.\(layer).bias"] = Tensor(zeros: [16])
                tensors["synthesis.b8.\(layer).noise_strength"] = Tensor(zeros: [])
            }
        }
        let mainOnly = replacing(full) { $0["synthesis.b8.skip.weight"] = Tensor(zeros: [16, 16, 1, 1]) }
        let sum = zip(try image(shortcutOnly).data, try image(mainOnly).data).map { $0 + $1 }
        let whole = try image(full).data
        let (error, scale) = maxError(whole, sum)
        XCTAssertLessThanOrEqual(error, 1e-5 * scale)
        XCTAssertGreaterThan(maxError(whole, try image(mainOnly).data).0, 1e-3 * scale, "the shortcut must contribute")
    }

    /// The resnet shortcut against its formula, sqrt(1/2) * upsample2d(W x / sqrt(Cin)), with x the
    /// 4x4 block's features. Those are read out by a 4x4 model with the same first block whose
    /// toRGB is the identity (16 image channels, unit styles, identity weights, zero bias); the 8x8
    /// model's main path is silenced and its toRGB is the identity too.
    func testResnetShortcutMatchesItsFormula() throws {
        let resnet = #", "architecture": "resnet""#
        let base = try RandomGenerator.file(spec: spec(tinyKwargs(resolution: 8, channels: 16, extra: resnet)), seed: 6)
        let identity = Tensor(shape: [16, 16, 1, 1], data: (0..<256).map { $0 / 16 == $0 % 16 ? 1 : 0 })
        func identityToRGB(_ tensors: inout [String: Tensor], block: String) {
            tensors["\(block).torgb.affine.weight"] = Tensor(zeros: [16, 16])
            tensors["\(block).torgb.affine.bias"] = Tensor(shape: [16], data: [Float](repeating: 4, count: 16))  // sqrt(Cin)
            tensors["\(block).torgb.weight"] = identity
            tensors["\(block).torgb.bias"] = Tensor(zeros: [16])
        }
        let shortcutOnly = replacing(base) { tensors in
            for layer in ["conv0", "conv1"] {
                tensors["synthesis.b8.\(layer).weight"] = Tensor(zeros: [16, 16, 3, 3])
                tensors["synthesis.b8.\(layer).bias"] = Tensor(zeros: [16])
                tensors["synthesis.b8.\(layer).noise_strength"] = Tensor(zeros: [])
            }
            identityToRGB(&tensors, block: "synthesis.b8")
        }
        var probeMetadata = base.metadata
        probeMetadata["init_kwargs"] = tinyKwargs(resolution: 4, channels: 16, extra: resnet)
        probeMetadata["num_ws"] = "2"
        var probeTensors = base.tensors.filter { !$0.key.hasPrefix("synthesis.b8") }
        identityToRGB(&probeTensors, block: "synthesis.b4")
        let probe = try Generator(file: SafeTensorsFile(path: "probe", metadata: probeMetadata, tensors: probeTensors))
        let generator = try Generator(file: shortcutOnly)

        let ws = try generator.ws(seed: 2)
        let features = try probe.synthesize(Latent(numWs: 2, wDim: 16, values: Array(ws.values.prefix(32)))).data
        let skip = base.tensors["synthesis.b8.skip.weight"]!.data
        var expected: [Float] = []
        for o in 0..<16 {
            var projected = [Float](repeating: 0, count: 16)
            for i in 0..<16 { for p in 0..<16 { projected[p] += skip[o * 16 + i] / 4 * features[i * 16 + p] } }
            expected += directUpFIRDn(projected, size: 4, filter: [1, 3, 3, 1], up: 2, pad0: 2, pad1: 1, gain: 4)
                .map { $0 * Float(0.5).squareRoot() }
        }
        let image = try generator.synthesize(ws).data
        let (error, scale) = maxError(image, expected)
        XCTAssertGreaterThan(scale, 0.1)
        XCTAssertLessThanOrEqual(error, 1e-5 * scale)
    }

    /// RGBA channels are independent: an RGB model with the RGBA model's first three toRGB rows
    /// renders exactly the RGBA model's first three channels.
    func testRGBAIsRGBPlusAnIndependentAlpha() throws {
        let rgba = try RandomGenerator.file(spec: spec(tinyKwargs(channels: 4)), seed: 5)
        let rgb = replacing(rgba, initKwargs: tinyKwargs(channels: 3)) { tensors in
            for res in [4, 8] {
                let weight = tensors["synthesis.b\(res).torgb.weight"]!, bias = tensors["synthesis.b\(res).torgb.bias"]!
                tensors["synthesis.b\(res).torgb.weight"] = Tensor(shape: [3, 16, 1, 1], data: Array(weight.data.prefix(48)))
                tensors["synthesis.b\(res).torgb.bias"] = Tensor(shape: [3], data: Array(bias.data.prefix(3)))
            }
        }
        let four = try image(rgba), three = try image(rgb)
        XCTAssertEqual(four.shape, [4, 8, 8])
        XCTAssertEqual(Array(four.data.prefix(3 * 64)), three.data)
        let pixels = try ImageConversion.rgba8(four).pixels
        XCTAssertEqual(pixels[3], ImageConversion.byte(four.data[3 * 64]))
    }

    /// The conditional mapping against the NVlabs formulas written out directly: normalise z,
    /// embed c (linear, gain 1/sqrt(c_dim)) and normalise it, concatenate, then lrelu layers with
    /// gains lr/sqrt(fan_in) and bias gain lr, activation gain sqrt(2).
    func testConditionalMappingMatchesTheFormulas() throws {
        let s = try spec(tinyKwargs(cDim: 3, mapping: #""num_layers": 2, "embed_features": 5"#))
        let file = try RandomGenerator.file(spec: s, seed: 9)
        let generator = try Generator(file: file)
        func normalize(_ v: [Double]) -> [Double] {
            let scale = 1 / ((v.map { $0 * $0 }.reduce(0, +) / Double(v.count)) + 1e-8).squareRoot()
            return v.map { $0 * scale }
        }
        func dense(_ prefix: String, _ x: [Double], lr: Double, lrelu: Bool) -> [Double] {
            let w = file.tensors["\(prefix).weight"]!, b = file.tensors["\(prefix).bias"]!
            let (outs, ins) = (w.shape[0], w.shape[1])
            return (0..<outs).map { o in
                var v = (0..<ins).reduce(0.0) { $0 + Double(w.data[o * ins + $1]) * lr / Double(ins).squareRoot() * x[$1] } + Double(b.data[o]) * lr
                if lrelu { v = (v >= 0 ? v : 0.2 * v) * 2.0.squareRoot() }
                return v
            }
        }
        let z = latentZ(seed: 4, zDim: 16)
        var x = normalize(z) + normalize(dense("mapping.embed", [0, 0, 1], lr: 1, lrelu: false))
        XCTAssertEqual(x.count, 16 + 5)
        for layer in 0..<2 { x = dense("mapping.fc\(layer)", x, lr: 0.01, lrelu: true) }
        let ws = try generator.mapping(z: z, c: generator.classVector(2))
        XCTAssertEqual(ws.numWs, 4)
        for row in 0..<4 {
            let (error, _) = maxError(Array(ws.row(row)), x.map { Float($0) })
            XCTAssertLessThanOrEqual(error, 1e-5 * max(1, x.map { abs(Float($0)) }.max()!))
        }
        XCTAssertNotEqual(try generator.ws(seed: 4, classIndex: 0), try generator.ws(seed: 4, classIndex: 1))
        XCTAssertThrowsError(try generator.ws(seed: 4)) { XCTAssertTrue("\($0)".contains("--class")) }
        XCTAssertThrowsError(try generator.ws(seed: 4, classIndex: 3)) { XCTAssertTrue("\($0)".contains("0...2")) }
    }

    func testTruncationCutoffOnlyMovesTheFirstRows() throws {
        let generator = try RandomGenerator.make(spec: spec(tinyKwargs(resolution: 16)))
        let plain = try generator.ws(seed: 3)
        let truncated = try generator.ws(seed: 3, truncation: Truncation(psi: 0.5, cutoff: 2))
        let average = try XCTUnwrap(generator.mapping.wAverage)
        XCTAssertEqual(Array(truncated.row(5)), Array(plain.row(5)))
        for j in 0..<16 { XCTAssertEqual(truncated[1, j], average[j] + 0.5 * (plain[1, j] - average[j]), accuracy: 1e-6) }
        XCTAssertEqual(try generator.ws(seed: 3, truncation: Truncation(psi: 0.5, cutoff: 99)),
                       try generator.ws(seed: 3, truncation: Truncation(psi: 0.5)))
        XCTAssertThrowsError(try generator.ws(seed: 3, truncation: Truncation(psi: 0.5, cutoff: -1)))
    }
}

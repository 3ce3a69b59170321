import XCTest
import StyleCastIO
@testable import StyleGAN

final class GeneratorSpecTests: XCTestCase {
    let sg2 = GeneratorFamily.styleGAN2.rawValue

    func spec(_ json: String, family: GeneratorFamily = .styleGAN2) throws -> GeneratorSpec {
        try GeneratorSpec(className: family.rawValue, initKwargsJSON: json)
    }

    func assertFieldError(_ json: String, field: String, family: GeneratorFamily = .styleGAN2,
                          file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try spec(json, family: family), file: file, line: line) { error in
            XCTAssertEqual((error as? JSONContentError)?.field, field, "\(error)", file: file, line: line)
        }
    }

    func testNVlabsDefaultsForStyleGAN2() throws {
        let s = try spec(#"{"z_dim": 512, "w_dim": 512, "img_resolution": 1024, "img_channels": 3}"#)
        let synthesis = try XCTUnwrap(s.styleGAN2)
        XCTAssertEqual(s.cDim, 0)
        XCTAssertEqual(synthesis.channelBase, 32768)
        XCTAssertEqual(synthesis.channelMax, 512)
        XCTAssertEqual(synthesis.architecture, .skip)
        XCTAssertEqual(synthesis.convClamp, 256)
        XCTAssertEqual(synthesis.resampleFilter, [1, 3, 3, 1])
        XCTAssertEqual(s.numWs, 18)  // the official 1024x1024 generators take 18 ws
        XCTAssertEqual(s.mapping.numLayers, 8)
        XCTAssertEqual(s.mapping.lrMultiplier, 0.01)
        XCTAssertEqual(synthesis.channels(at: 1024), 32)
        XCTAssertEqual(synthesis.channels(at: 16), 512)
    }

    func testStyleGAN3MappingDefaultsAndNumWs() throws {
        let s = try spec(#"{"z_dim": 512, "c_dim": 0, "w_dim": 512, "img_resolution": 256, "img_channels": 3, "channel_base": 32768}"#, family: .styleGAN3)
        XCTAssertEqual(s.mapping.numLayers, 2)
        XCTAssertEqual(s.numWs, 16)
        XCTAssertNil(s.styleGAN2)
        XCTAssertEqual(s.initKwargs["channel_base"]?.intValue, 32768)
    }

    func testMappingFeaturesWithEmbeddingAndLayerWidth() throws {
        let s = try spec(#"{"z_dim": 8, "c_dim": 3, "w_dim": 6, "img_resolution": 4, "img_channels": 3, "mapping_kwargs": {"num_layers": 3, "embed_features": 5, "layer_features": 7}}"#)
        XCTAssertEqual(s.mapping.featuresList, [13, 7, 7, 6])
        XCTAssertEqual(s.mapping.tensorSpecs.first?.shape, [5, 3])
        let unconditional = try spec(#"{"z_dim": 8, "c_dim": 0, "w_dim": 6, "img_resolution": 4, "img_channels": 3, "mapping_kwargs": {"embed_features": 5}}"#)
        XCTAssertEqual(unconditional.mapping.featuresList.first, 8)
    }

    func testNestedSynthesisKwargsOfOlderModelsAreFlattened() throws {
        let s = try spec(#"{"z_dim": 8, "w_dim": 8, "img_resolution": 8, "img_channels": 3, "synthesis_kwargs": {"channel_base": 64, "conv_clamp": null, "architecture": "resnet"}}"#)
        XCTAssertEqual(s.styleGAN2?.channelBase, 64)
        XCTAssertNil(s.styleGAN2?.convClamp)
        XCTAssertEqual(s.styleGAN2?.architecture, .resnet)
    }

    func testBadArgumentsNameTheirField() {
        assertFieldError(#"{"w_dim": 8, "img_resolution": 8, "img_channels": 3}"#, field: "init_kwargs.z_dim")
        assertFieldError(#"{"z_dim": "8", "w_dim": 8, "img_resolution": 8, "img_channels": 3}"#, field: "init_kwargs.z_dim")
        assertFieldError(#"{"z_dim": true, "w_dim": 8, "img_resolution": 8, "img_channels": 3}"#, field: "init_kwargs.z_dim")
        assertFieldError(#"{"z_dim": 8, "w_dim": 8, "img_resolution": 48, "img_channels": 3}"#, field: "init_kwargs.img_resolution")
        assertFieldError(#"{"z_dim": 8, "w_dim": 8, "img_resolution": 8, "img_channels": 3, "architecture": "wide"}"#, field: "init_kwargs.architecture")
        assertFieldError(#"{"z_dim": 8, "w_dim": 8, "img_resolution": 8, "img_channels": 3, "mapping_kwargs": {"num_layers": 0}}"#, field: "init_kwargs.mapping_kwargs.num_layers")
        assertFieldError(#"{"z_dim": 8, "w_dim": 8, "img_resolution": 8, "img_channels": 3, "mapping_kwargs": {"depth": 2}}"#, field: "init_kwargs.mapping_kwargs.depth")
        assertFieldError(#"{"z_dim": 8, "w_dim": 8, "img_resolution": 8, "img_channels": 3, "channel_bsae": 64}"#, field: "init_kwargs.channel_bsae")
        assertFieldError(#"{"z_dim": 8, "w_dim": 8, "img_resolution": 8, "img_channels": 3, "kernel_size": 5}"#, field: "init_kwargs.kernel_size")
        assertFieldError(#"{"z_dim": 8, "w_dim": 8, "img_resolution": 8, "img_channels": 3, "channel_base": 4}"#, field: "init_kwargs.channel_base")
        assertFieldError(#"{"z_dim": 8, "w_dim": 8, "img_resolution": 8, "img_channels": 3, "resample_filter": [1, -1]}"#, field: "init_kwargs.resample_filter")
        // init_res: two positive integers, and img_resolution its height times a power of two.
        assertFieldError(#"{"z_dim": 8, "w_dim": 8, "img_resolution": 60, "init_res": [12, 9], "img_channels": 3}"#, field: "init_kwargs.img_resolution")
        assertFieldError(#"{"z_dim": 8, "w_dim": 8, "img_resolution": 6, "init_res": [12, 9], "img_channels": 3}"#, field: "init_kwargs.img_resolution")
        assertFieldError(#"{"z_dim": 8, "w_dim": 8, "img_resolution": 8, "init_res": [0, 4], "img_channels": 3}"#, field: "init_kwargs.init_res")
        assertFieldError(#"{"z_dim": 8, "w_dim": 8, "img_resolution": 8, "init_res": [4], "img_channels": 3}"#, field: "init_kwargs.init_res")
        assertFieldError(#"{"z_dim": 8, "w_dim": 8, "img_resolution": 8, "init_res": [4, 2.5], "img_channels": 3}"#, field: "init_kwargs.init_res")
        assertFieldError(#"{"z_dim": 8, "w_dim": 8, "img_resolution": 8, "init_res": "4x4", "img_channels": 3}"#, field: "init_kwargs.init_res")
        XCTAssertThrowsError(try GeneratorSpec(className: "networks_stylegan4.Generator", initKwargsJSON: "{}")) { error in
            XCTAssertEqual((error as? JSONContentError)?.field, "__metadata__.class")
        }
        XCTAssertThrowsError(try GeneratorSpec(className: sg2, initKwargsJSON: "[1, 2]"))
    }

    func testTensorListFollowsTheArchitecture() throws {
        let names: (String) throws -> Set<String> = { architecture in
            Set(try self.spec(tinyKwargs(extra: #", "architecture": "\#(architecture)""#)).styleGAN2!.tensorSpecs.map(\.name))
        }
        let skip = try names("skip"), orig = try names("orig"), resnet = try names("resnet")
        XCTAssertTrue(skip.contains("synthesis.b4.torgb.weight"))
        XCTAssertFalse(orig.contains("synthesis.b4.torgb.weight"))
        XCTAssertTrue(orig.contains("synthesis.b8.torgb.weight"))
        XCTAssertTrue(resnet.contains("synthesis.b8.skip.weight"))
        XCTAssertFalse(skip.contains("synthesis.b8.skip.weight"))
    }
}

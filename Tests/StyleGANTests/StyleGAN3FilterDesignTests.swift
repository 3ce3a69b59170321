import XCTest
@testable import StyleGAN

/// Our filter design against the filters the NVlabs constructor stored in the fixture models.
final class StyleGAN3FilterDesignTests: XCTestCase {
    func testDesignedFiltersEqualStoredOnes() throws {
        for folder in ["sg3-t-64", "sg3-r-32"] {
            let model = try StyleGAN3Fixture(folder: folder)
            let architecture = try StyleGAN3Architecture(initKwargs: model.initKwargs, source: folder)
            let designed = StyleGAN3Synthesis.randomTensors(architecture: architecture, seed: 3)
            var compared = 0
            for (name, tensor) in model.file.tensors where name.hasSuffix("_filter") {
                let ours = try XCTUnwrap(designed[name], name)
                XCTAssertEqual(ours.shape, tensor.shape, name)
                let error = zip(ours.data, tensor.data).map { abs($0 - $1) }.max() ?? .infinity
                XCTAssertLessThan(error, 1e-6, "\(folder) \(name)")
                compared += 1
            }
            XCTAssertEqual(compared, 2 * (architecture.layers.count - 1), folder)
        }
    }

    func testOddRadialFilterHasFiniteCentre() throws {
        let filter = try XCTUnwrap(StyleGAN3FilterDesign.radialLowpass(numtaps: 5, cutoff: 4, width: 4, samplingRate: 16))
        XCTAssertTrue(filter.allSatisfy(\.isFinite))
        XCTAssertEqual(filter.reduce(0, +), 1, accuracy: 1e-5)
        XCTAssertEqual(filter.max(), filter[12])
    }
}

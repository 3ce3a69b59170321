import Foundation
import XCTest
import StyleCastIO
@testable import StyleGAN

final class StyleGAN3RandomWeightsTests: XCTestCase {
    /// A random-weight network runs, gives finite pixels, and is reproducible from its seed.
    func testRandomWeightNetworkIsDeterministic() throws {
        let kwargs: JSONObject = ["w_dim": 16, "img_resolution": 16, "img_channels": 4,
                                     "channel_base": 256, "channel_max": 16, "num_layers": 6]
        let a = try StyleGAN3Synthesis(randomWeightsFor: kwargs, seed: 5)
        let b = try StyleGAN3Synthesis(randomWeightsFor: kwargs, seed: 5)
        let c = try StyleGAN3Synthesis(randomWeightsFor: kwargs, seed: 6)
        let ws = (0..<(a.numWs * a.wDim)).map { Float(($0 % 7) - 3) / 3 }
        let image = a.synthesize(ws: ws, noiseMode: .none, noiseSeed: 0)
        XCTAssertEqual(image.shape, [4, 16, 16])
        XCTAssertTrue(image.data.allSatisfy(\.isFinite))
        XCTAssertGreaterThan(image.data.map(abs).max() ?? 0, 0)
        XCTAssertEqual(image.data, b.synthesize(ws: ws, noiseMode: .none, noiseSeed: 0).data)
        XCTAssertNotEqual(image.data, c.synthesize(ws: ws, noiseMode: .none, noiseSeed: 0).data)
    }
}

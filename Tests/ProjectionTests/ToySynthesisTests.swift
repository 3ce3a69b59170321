import XCTest
@testable import Projection

/// The toy network's hand-written backward pass must be right before it can vouch for the
/// projector.
final class ToySynthesisTests: XCTestCase {
    func testBackwardMatchesFiniteDifferencesForWsAndNoise() {
        let network = ToySynthesis(channels: 3)
        let ws = randomValues(network.numWs * network.wDim, seed: 5)
        let weights = randomValues(network.imageChannels * network.imageHeight * network.imageWidth, seed: 6)
        func loss(_ ws: [Float], _ noise: [[Float]]) -> Double {
            zip(network.forward(ws: ws, noise: noise).image.data, weights).reduce(0.0) { $0 + Double($1.0 * $1.1) }
        }
        let tape = network.forward(ws: ws, noise: network.constantNoise).tape
        let gradients = network.backward(tape, imageGradient: weights)
        assertGradientMatchesFiniteDifferences(at: ws, analytic: gradients.ws, step: 1e-2) {
            loss($0, network.constantNoise)
        }
        for b in 0..<2 {
            assertGradientMatchesFiniteDifferences(at: network.constantNoise[b], analytic: gradients.noise[b], step: 1e-2) {
                var noise = network.constantNoise
                noise[b] = $0
                return loss(ws, noise)
            }
        }
    }
}

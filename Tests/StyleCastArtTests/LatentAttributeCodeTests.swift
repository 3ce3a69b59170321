import XCTest
import Foundation
import Randomness
@testable import StyleCastArt

final class LatentAttributeCodeTests: XCTestCase {
    private func gaussianLatent(_ random: inout SplitMix64, count: Int = 128) -> [Float] {
        (0..<count).map { _ in
            // Box-Muller from two uniforms in (0, 1].
            let u = (Double(random.next() >> 11) + 1) / 9007199254740992, v = Double(random.next() >> 11) / 9007199254740992
            return Float((-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v))
        }
    }

    func testRandomLatentsGiveTheRendererSDistribution() {
        var random = SplitMix64(seed: 7, stream: 0)
        let count = 20000
        var noHeadwear = 0, capes = 0, glasses = 0, children = 0, trimEqualsMain = 0
        for _ in 0..<count {
            let a = LatentAttributeCode.attributes(latent: gaussianLatent(&random))
            if a.shape.accessories.headwear == .none { noHeadwear += 1 }
            if a.shape.accessories.cape { capes += 1 }
            if a.shape.accessories.glasses { glasses += 1 }
            if a.shape.age == .child { children += 1 }
            if a.colours.outfitTrim == a.colours.outfitMain { trimEqualsMain += 1 }
        }
        func share(_ n: Int) -> Double { Double(n) / Double(count) }
        XCTAssertEqual(share(noHeadwear), 0.5, accuracy: 0.02)
        XCTAssertEqual(share(capes), 1.0 / 3, accuracy: 0.02)
        XCTAssertEqual(share(glasses), 0.2, accuracy: 0.02)
        XCTAssertEqual(share(children), 1.0 / 3, accuracy: 0.02)
        XCTAssertEqual(trimEqualsMain, 0)
    }

    func testTruncationTowardZeroGivesTheMiddleCharacter() {
        var random = SplitMix64(seed: 8, stream: 0)
        let z = gaussianLatent(&random)
        // Near the origin every coordinate sits in its middle bin (the rms still normalises it).
        var small = z.map { $0 * 0.001 }
        for i in 0..<LatentAttributeCode.dimensions { small[i] = 0 }
        let middle = LatentAttributeCode.attributes(latent: small)
        XCTAssertEqual(middle.shape.age, .teen)
        XCTAssertEqual(middle.expression.headTurn, .front)
        XCTAssertEqual(middle.shape.accessories.headwear, .hat, "u = 0.5 is the first bin past 'none'")
    }

    func testSettingAttributesEncodesThemAndLeavesFreeCoordinates() {
        var random = SplitMix64(seed: 9, stream: 0)
        for round in 0..<300 {
            let base = gaussianLatent(&random)
            let wanted = sampleAttributes(seed: UInt64(round))
            let z = LatentAttributeCode.latent(setting: wanted, on: base)
            XCTAssertEqual(LatentAttributeCode.attributes(latent: z), wanted)
            XCTAssertEqual(z[LatentAttributeCode.dimensions...], base[LatentAttributeCode.dimensions...])
        }
    }

    func testColoursFollowTheirCoordinatesSmoothly() {
        // Raising the red coordinate of the hair colour never makes the hair less red.
        var random = SplitMix64(seed: 10, stream: 0)
        let red = LatentAttributeCode.start(of: .hairColour)
        for _ in 0..<50 {
            var z = gaussianLatent(&random)
            var last = -1
            for step in -20...20 {
                z[red] = Float(step) * 0.15
                let r = Int(LatentAttributeCode.attributes(latent: z).colours.hair.rgb.r)
                XCTAssertGreaterThanOrEqual(r, last - 40, "hair red channel along its coordinate")
                last = max(last, r)
            }
        }
    }

    func testSettingTheExpressionChangesTheExpressionAlone() {
        var random = SplitMix64(seed: 9, stream: 0)
        for _ in 0..<50 {
            let z = gaussianLatent(&random, count: 32)
            let before = LatentAttributeCode.attributes(latent: z)
            for expression in Expression.allCases {
                let set = LatentAttributeCode.latent(setting: expression, on: z)
                var wanted = before
                wanted.expression.expression = expression
                XCTAssertEqual(LatentAttributeCode.attributes(latent: set), wanted)
                // The other coded coordinates and the rms stay; the free ones make up the rms.
                let start = LatentAttributeCode.start(of: .expression), coded = LatentAttributeCode.dimensions
                XCTAssertEqual(Array(set[..<start]) + Array(set[(start + 1)..<coded]), Array(z[..<start]) + Array(z[(start + 1)..<coded]))
                XCTAssertEqual(LatentAttributeCode.rootMeanSquare(set), LatentAttributeCode.rootMeanSquare(z), accuracy: 1e-5)
            }
        }
    }
}

import ArtQuality
import CastImaging
import StyleCastArt
import StyleCastIO
import XCTest

final class PortraitCleanupTests: XCTestCase {
    /// A portrait as a generator draws it: soft (blurred) and with a few specks around it.
    private func damaged(seed: UInt64) -> (original: RGBAImage, damaged: RGBAImage) {
        let original = FacePortrait.render(sampleAttributes(seed: seed))
        var soft = SheetDamage.blurred(SheetDamage.blurred(original))
        for (x, y) in [(3, 3), (140, 5), (6, 70)] {
            for dy in 0..<2 { for dx in 0..<2 { soft.pixels.replaceSubrange(((y + dy) * 144 + x + dx) * 4 ..< ((y + dy) * 144 + x + dx) * 4 + 4, with: [200, 40, 40, 255]) } }
        }
        return (original, soft)
    }

    func testSpecksGoAndTheEdgeBecomesCrisp() {
        for seed: UInt64 in [5, 77, 901] {
            let (original, soft) = damaged(seed: seed)
            XCTAssertFalse(CleanFaceCheck.check(soft).isClean, "seed \(seed): the specks should be visible to the check")
            let cleaned = PortraitCleanup.clean(soft)
            XCTAssertEqual(CleanFaceCheck.check(cleaned), .clean, "seed \(seed)")
            func semiTransparent(_ image: RGBAImage) -> Int {
                stride(from: 3, to: image.pixels.count, by: 4).filter { image.pixels[$0] > 8 && image.pixels[$0] < 247 }.count
            }
            XCTAssertLessThan(semiTransparent(cleaned), semiTransparent(soft) / 2, "seed \(seed): the soft fringe narrows")
            XCTAssertGreaterThan(ImageComparison.silhouetteIoU(cleaned, original), 0.95, "seed \(seed)")
        }
    }

    func testCleaningIsDeterministicAndKeepsACleanPortraitsFigure() throws {
        let (original, soft) = damaged(seed: 12)
        XCTAssertEqual(try PNG.encode(PortraitCleanup.clean(soft)), try PNG.encode(PortraitCleanup.clean(soft)))
        XCTAssertEqual(Silhouette(PortraitCleanup.clean(original)), Silhouette(original))
    }
}

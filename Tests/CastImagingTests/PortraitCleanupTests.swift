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

    /// A part the model draws faintly (a neck, a hat brim at alpha 64-128) stays where it joins
    /// the figure; the same faint patch away from the figure is haze and goes.
    func testTranslucentPartsJoinedToTheFigureStayAndDetachedHazeGoes() {
        var portrait = FacePortrait.render(sampleAttributes(seed: 31))
        let figure = Silhouette(portrait).mask
        // The first opaque pixel of the middle row, going right: a faint patch just left of it
        // touches the figure; another in the top-left corner touches nothing.
        let row = 72, edge = (0..<144).first { figure[row * 144 + $0] }!
        XCTAssertGreaterThanOrEqual(edge, 8)
        func paint(_ x0: Int, _ y0: Int) {
            for y in y0..<(y0 + 6) { for x in x0..<(x0 + 6) { portrait.pixels.replaceSubrange((y * 144 + x) * 4 ..< (y * 144 + x) * 4 + 4, with: [90, 60, 40, 80]) } }
        }
        paint(edge - 6, row - 3)
        paint(1, 1)
        let cleaned = PortraitCleanup.clean(portrait)
        func alpha(_ x: Int, _ y: Int) -> UInt8 { cleaned.pixels[(y * 144 + x) * 4 + 3] }
        XCTAssertEqual(alpha(edge - 6, row), 80, "the joined patch keeps its alpha")
        XCTAssertEqual(alpha(3, 3), 0, "the detached patch is haze")
    }
}

import Foundation
import XCTest
import StyleCastIO
@testable import CastPreview

/// Opens a written preview in headless Chromium from file:// and checks what a person sees.
final class CastPreviewBrowserTests: XCTestCase {
    /// MV shows each walking pattern for 10 frames of its 60 fps loop (Game_CharacterBase:
    /// animationWait (9 - 4) * 3 = 15, counted 1.5 a frame while walking).
    static let mvPatternMilliseconds = 1000.0 * 10 / 60
    /// The sheet columns MV shows, in order, from the standing pose.
    static let mvColumns = [1, 2, 1, 0]

    struct PageState: Decodable {
        struct Character: Decodable {
            let id: String
            let name: String
            let faceLabels: [String]
            let hiddenFaceLabels: Int
            let facts: String
        }
        struct LoadedImage: Decodable { let src: String; let complete: Bool; let naturalWidth: Int; let naturalHeight: Int }
        struct Walk: Decodable {
            let section: String
            let direction: String
            let playState: String
            let durationMs: Double
            let advancedMs: Double
            /// Column and row the window shows at each sample time, in frames.
            let columns: [Double]
            let rows: [Double]
        }
        let title: String
        let characters: [Character]
        let images: [LoadedImage]
        let walks: [Walk]
    }

    /// Samples every walk animation in the middle of each pattern's time, then leaves them
    /// paused in the middle of the second pattern for the screenshots.
    static let probe = """
        (async () => {
          const patternMs = \(mvPatternMilliseconds);
          const characters = Array.from(document.querySelectorAll('section.character')).map(s => {
            const labels = Array.from(s.querySelectorAll('.face figcaption'));
            return {
              id: s.id,
              name: s.querySelector('h2').innerText,
              faceLabels: labels.map(f => f.innerText),
              hiddenFaceLabels: labels.filter(f => f.getBoundingClientRect().height === 0 || getComputedStyle(f).visibility !== 'visible').length,
              facts: s.querySelector('.facts').innerText
            };
          });
          const images = Array.from(document.images).map(i => ({
            src: i.getAttribute('src'), complete: i.complete, naturalWidth: i.naturalWidth, naturalHeight: i.naturalHeight }));
          const animations = document.getAnimations();
          const before = animations.map(a => a.currentTime);
          await new Promise(resolve => setTimeout(resolve, 400));
          const walks = animations.map((a, i) => ({
            section: a.effect.target.closest('section').id,
            direction: a.effect.target.closest('figure').dataset.direction,
            playState: a.playState,
            durationMs: a.effect.getComputedTiming().duration,
            advancedMs: a.currentTime - before[i],
            columns: [], rows: [] }));
          animations.forEach(a => a.pause());
          for (let k = 0; k < 9; k++) {
            animations.forEach(a => { a.currentTime = (k + 0.5) * patternMs; });
            animations.forEach((a, i) => {
              const img = a.effect.target, style = getComputedStyle(img), box = img.parentElement;
              walks[i].columns.push(-parseFloat(style.left) / box.clientWidth);
              walks[i].rows.push(-parseFloat(style.top) / box.clientHeight);
            });
          }
          animations.forEach(a => { a.currentTime = 1.5 * patternMs; });
          return { title: document.title, characters, images, walks };
        })()
        """

    func testPersonSeesEveryCharacterWalkingAtMVPaceWithFacesAndNoErrors() throws {
        let folder = ScratchFolder(), shots = ScratchFolder()
        defer { folder.remove(); shots.remove() }
        try FileManager.default.createDirectory(atPath: shots.path, withIntermediateDirectories: true)
        let preview = SamplePreview.make()
        let index = try CastPreviewWriter.write(preview, to: folder.path)
        let report = try BrowserProbe.open(index, probe: Self.probe, as: PageState.self,
                                           screenshotsOf: "#character-1 .walk-frame, #character-1 .face .frame", into: shots.path)
        let page = report.result

        XCTAssertEqual(report.console.map { "\($0.level): \($0.text)" }, [])
        XCTAssertEqual(report.exceptions, [])
        XCTAssertEqual(report.failedRequests.map { "\($0.url): \($0.error)" }, [])
        let folderURL = URL(fileURLWithPath: folder.path).absoluteString
        for request in report.requests {
            XCTAssertTrue(request.hasPrefix(folderURL), "request outside the preview folder: \(request)")
        }

        XCTAssertEqual(page.title, preview.title)
        XCTAssertEqual(page.characters.map(\.name), preview.characters.map(\.name))
        for (seen, character) in zip(page.characters, preview.characters) {
            XCTAssertEqual(seen.faceLabels, character.faceLabels)
            XCTAssertEqual(seen.hiddenFaceLabels, 0)
            XCTAssertTrue(seen.facts.contains("<Plugin: x></dd><script>alert(1)</script>"), seen.facts)
            XCTAssertTrue(seen.facts.contains(String(character.seed)), seen.facts)
        }

        // Per character: 4 walk windows, 8 face windows, the whole sheet and the stages.
        XCTAssertEqual(page.images.count, preview.characters.map { 4 + 8 + 1 + $0.stages.count }.reduce(0, +))
        for image in page.images {
            XCTAssertTrue(image.complete && image.naturalWidth > 0 && image.naturalHeight > 0, "\(image.src) did not load")
        }

        XCTAssertEqual(page.walks.count, 4 * preview.characters.count)
        for character in page.characters {
            let walks = page.walks.filter { $0.section == character.id }
            XCTAssertEqual(walks.map(\.direction), ["down", "left", "right", "up"])
            for (row, walk) in walks.enumerated() {
                let label = "\(character.id) \(walk.direction)"
                XCTAssertEqual(walk.playState, "running", label)
                XCTAssertGreaterThan(walk.advancedMs, 200, "\(label): the animation does not play")
                XCTAssertEqual(walk.durationMs, 4 * Self.mvPatternMilliseconds, accuracy: 0.01, label)
                XCTAssertEqual(walk.columns, (0..<9).map { Double(Self.mvColumns[$0 % 4]) }, label)
                XCTAssertEqual(walk.rows, Array(repeating: Double(row), count: 9), label)
            }
        }

        // Paused on the second pattern (column 2): each walk window shows that frame of its row,
        // magnified three times with every pixel kept sharp; each face window shows its face.
        XCTAssertEqual(report.screenshots.count, 4 + 8)
        let art = preview.characters[0]
        for (index, shot) in report.screenshots.enumerated() {
            let expected = index < 4
                ? TestArt.magnified(art.walkSheet.cropped(x: 2 * 48, y: index * 48, width: 48, height: 48), by: 3)
                : art.faceSet.cropped(x: (index - 4) % 4 * 144, y: (index - 4) / 4 * 144, width: 144, height: 144)
            let seen = try PNG.read(path: shot.path)
            XCTAssertTrue(seen == expected, index < 4 ? "walk window \(index) does not show column 2 of row \(index) pixel for pixel"
                                                     : "face window \(index - 4) does not show face \(index - 4) pixel for pixel")
        }
    }
}

import Foundation
import XCTest
import StyleCastIO
@testable import CastPreview

final class CastPreviewWriterTests: XCTestCase {
    private var folder: ScratchFolder!

    override func setUp() { folder = ScratchFolder() }
    override func tearDown() { folder.remove() }

    private func writeSample(_ preview: CastPreview = SamplePreview.make()) throws -> String {
        let index = try CastPreviewWriter.write(preview, to: folder.path)
        XCTAssertEqual(index, folder.path + "/index.html")
        return try String(contentsOfFile: index, encoding: .utf8)
    }

    func testAllTextIsEscaped() throws {
        let html = try writeSample()
        XCTAssertTrue(html.contains("<h2 class=\"character-name\">&lt;b&gt;Ann &amp; &quot;Bo&quot;&lt;/b&gt;</h2>"))
        XCTAssertTrue(html.contains("<title>Cast of &lt;My &amp; Game&gt;</title>"))
        XCTAssertTrue(html.contains("テレーゼ 🌸 O&#39;Neil"))
        XCTAssertTrue(html.contains("<figcaption>Happy &lt;3</figcaption>"))
        XCTAssertTrue(html.contains("<dd>&lt;Plugin: x&gt;&lt;/dd&gt;&lt;script&gt;alert(1)&lt;/script&gt;</dd>"))
        XCTAssertTrue(html.contains("<dd>Line one\nLine &#39;two&#39; &amp; more</dd>"))
        XCTAssertTrue(html.contains("alt=\"&lt;b&gt;Ann &amp; &quot;Bo&quot;&lt;/b&gt; walking down\""))
        XCTAssertFalse(html.contains("<b>"))
        XCTAssertFalse(html.contains("<script"))
    }

    func testControlCharactersBecomeReplacementCharacters() throws {
        var preview = SamplePreview.make(characterCount: 1)
        preview.characters[0].name = "a\u{0}b\u{1B}c\u{85}d\u{FFFF}"
        preview.characters[0].actorFields = [("note", "tab\tnew\nline")]
        let html = try writeSample(preview)
        XCTAssertTrue(html.contains("<h2 class=\"character-name\">a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}</h2>"), html)
        XCTAssertTrue(html.contains("<dd>tab\tnew\nline</dd>"), html)
    }

    func testSettingsAreShown() throws {
        let html = try writeSample()
        XCTAssertTrue(html.contains("<dt>Seed</dt><dd>4000000001</dd>"))
        XCTAssertTrue(html.contains("<dt>Truncation \u{03C8}</dt><dd>0.7</dd>"))
        XCTAssertTrue(html.contains("<dt>Actor ID</dt><dd>2</dd>"))
        XCTAssertTrue(html.contains("<dt>File name</dt><dd><code>Actor1</code></dd>"))
        XCTAssertTrue(html.contains("<dt>Sprite mixes</dt><dd><ul><li>preset:heroine rows 0-3 replace</li></ul></dd>"))
        XCTAssertTrue(html.contains("<dt>Face mixes</dt><dd><span class=\"none\">none</span></dd>"))
        XCTAssertTrue(html.contains("<dt>Nickname</dt><dd>The &lt;i&gt;Brave&lt;/i&gt;</dd>"))
    }

    /// Nothing on the page may reach outside the folder: no scripts, stylesheets, fonts or URLs.
    func testPageIsSelfContained() throws {
        let html = try writeSample()
        for forbidden in ["http:", "https:", "//", "<link", "<script", "@import", "url(", "@font-face"] {
            XCTAssertFalse(html.contains(forbidden), "the page contains \(forbidden)")
        }
        let sources = imageSources(in: html)
        XCTAssertFalse(sources.isEmpty)
        for source in sources {
            XCTAssertTrue(source.hasPrefix("images/") && !source.contains(".."), source)
        }
    }

    func testEveryReferencedImageHoldsTheCharactersArt() throws {
        let preview = SamplePreview.make()
        let html = try writeSample(preview)
        let sources = Set(imageSources(in: html))
        var expected: [String: RGBAImage] = [:]
        for (index, character) in preview.characters.enumerated() {
            let number = String(format: "%02d", index + 1)
            expected["images/\(number)-walk.png"] = character.walkSheet
            expected["images/\(number)-faces.png"] = character.faceSet
            for (stage, image) in character.stages.map(\.image).enumerated() {
                expected["images/\(number)-stage-\(String(format: "%02d", stage + 1)).png"] = image
            }
        }
        XCTAssertEqual(sources, Set(expected.keys))
        for (source, image) in expected {
            XCTAssertEqual(try PNG.read(path: folder.path + "/" + source), image, source)
        }
    }

    func testWalkFramesAreWindowsOnTheMagnifiedSheetOneRowPerDirection() throws {
        let html = try writeSample()
        for (row, direction) in ["down", "left", "right", "up"].enumerated() {
            XCTAssertTrue(html.contains("<figure class=\"walk-direction\" data-direction=\"\(direction)\"><div class=\"frame walk-frame checker\" style=\"width:144px;height:144px\"><img src=\"images/01-walk.png\" width=\"432\" height=\"576\" alt=\"&lt;b&gt;Ann &amp; &quot;Bo&quot;&lt;/b&gt; walking \(direction)\" style=\"top:\(-100 * row)%\"></div>"), direction)
        }
        XCTAssertTrue(html.contains("<figure class=\"face\" data-face-index=\"6\"><div class=\"frame checker\" style=\"width:144px;height:144px\"><img src=\"images/02-faces.png\" width=\"576\" height=\"288\""))
        XCTAssertTrue(html.contains("style=\"left:-200%;top:-100%\"></div><figcaption>Eyes closed</figcaption>"))
    }

    func testSameInputGivesByteIdenticalFiles() throws {
        _ = try writeSample()
        let first = try folder.files()
        let other = ScratchFolder()
        defer { other.remove() }
        _ = try CastPreviewWriter.write(SamplePreview.make(), to: other.path)
        XCTAssertEqual(try other.files(), first)
        // Writing again over itself changes nothing either.
        _ = try writeSample()
        XCTAssertEqual(try folder.files(), first)
    }

    func testRewriteRemovesOnlyImagesThePreviousPreviewMade() throws {
        _ = try writeSample(SamplePreview.make(characterCount: 3, stageCount: 3))
        try Data("mine".utf8).write(to: URL(fileURLWithPath: folder.path + "/images/notes.png"))
        try Data("mine".utf8).write(to: URL(fileURLWithPath: folder.path + "/keep.txt"))
        XCTAssertEqual(try folder.files().keys.filter { $0.hasPrefix("images/03-") }.count, 5)

        _ = try writeSample(SamplePreview.make(characterCount: 1, stageCount: 1))
        let names = Set(try folder.files().keys)
        XCTAssertEqual(names, ["index.html", "keep.txt", "images/notes.png", "images/.cast-preview-files",
                               "images/01-walk.png", "images/01-faces.png", "images/01-stage-01.png"])
        let list = try folder.files()
        XCTAssertEqual(String(decoding: list["images/.cast-preview-files"]!, as: UTF8.self),
                       ["01-faces.png", "01-stage-01.png", "01-walk.png"].map { "\($0) \(SHA256.hexDigest(list["images/" + $0]!))\n" }.joined())
    }

    /// Writing the same preview again touches no file; a changed image is written again, alone.
    func testAnUnchangedPreviewIsLeftAsItIs() throws {
        _ = try writeSample()
        let stamps = try fileStamps()
        _ = try writeSample()
        XCTAssertEqual(try fileStamps(), stamps)

        var preview = SamplePreview.make()
        preview.characters[1].walkSheet = TestArt.walkSheet(hue: 7)
        _ = try writeSample(preview)
        XCTAssertEqual(try fileStamps().filter { stamps[$0.key] != $0.value }.keys.sorted(), ["images/.cast-preview-files", "images/02-walk.png"])
        XCTAssertEqual(try PNG.read(path: folder.path + "/images/02-walk.png"), preview.characters[1].walkSheet)
    }

    /// An image is kept only when it is bytes this writer made (its list says so) holding the
    /// same pixels; anything else in its place is written again.
    func testOnlyImagesItWroteAndThatHoldTheSamePixelsAreKept() throws {
        _ = try writeSample()
        let first = try folder.files()
        func put(_ bytes: [UInt8], _ name: String) throws { try Data(bytes).write(to: URL(fileURLWithPath: folder.path + "/images/" + name)) }
        let fast = try PNG.encode(PNG.read(path: folder.path + "/images/01-faces.png"), compression: .fastest)
        try put(fast, "01-faces.png")
        try put(Array("not a picture".utf8), "01-walk.png")
        try FileManager.default.removeItem(atPath: folder.path + "/images/02-stage-01.png")
        _ = try writeSample()
        XCTAssertEqual(try folder.files(), first)

        // The same other bytes, listed as the writer's own (as an earlier version's would be): kept.
        try put(fast, "01-faces.png")
        let list = folder.path + "/images/.cast-preview-files"
        try String(contentsOfFile: list, encoding: .utf8)
            .replacingOccurrences(of: SHA256.hexDigest(first["images/01-faces.png"]!), with: SHA256.hexDigest(fast))
            .write(toFile: list, atomically: true, encoding: .utf8)
        _ = try writeSample()
        XCTAssertEqual(try folder.files()["images/01-faces.png"], fast)

        // A list from before it held hashes: the images are encoded, and left alone when equal.
        folder.remove()
        _ = try CastPreviewWriter.write(SamplePreview.make(characterCount: 1, stageCount: 1), to: folder.path)
        try "01-faces.png\n01-stage-01.png\n01-walk.png\n".write(toFile: list, atomically: true, encoding: .utf8)
        let stamps = try fileStamps()
        _ = try CastPreviewWriter.write(SamplePreview.make(characterCount: 1, stageCount: 1), to: folder.path)
        XCTAssertEqual(try fileStamps().filter { stamps[$0.key] != $0.value }.keys.sorted(), ["images/.cast-preview-files"])
    }

    /// Inode and modification time of each file in the folder: a file written again changes them.
    private func fileStamps() throws -> [String: String] {
        try folder.files().keys.reduce(into: [:]) { stamps, name in
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.path + "/" + name)
            stamps[name] = "\(attributes[.systemFileNumber]!) \((attributes[.modificationDate] as! Date).timeIntervalSince1970)"
        }
    }

    func testManifestCannotMakeTheWriterDeleteOutsideImages() throws {
        _ = try writeSample()
        try Data("mine".utf8).write(to: URL(fileURLWithPath: folder.path + "/precious.png"))
        try Data("../precious.png\n.hidden.png\n01-walk.png\n".utf8)
            .write(to: URL(fileURLWithPath: folder.path + "/images/.cast-preview-files"))
        _ = try writeSample(SamplePreview.make(characterCount: 0))
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.path + "/precious.png"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path + "/images/01-walk.png"))
    }

    func testEmptyCastSaysSo() throws {
        let html = try writeSample(SamplePreview.make(characterCount: 0))
        XCTAssertTrue(html.contains("This cast has no characters."))
        XCTAssertFalse(html.contains("<section"))
    }

    func testSheetThatDoesNotSplitIntoFramesIsRefusedBeforeAnythingIsWritten() {
        var preview = SamplePreview.make()
        preview.characters[1].walkSheet = RGBAImage(width: 100, height: 192)
        XCTAssertThrowsError(try CastPreviewWriter.write(preview, to: folder.path)) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("character 2 (テレーゼ 🌸 O'Neil) walkSheet"), text)
            XCTAssertTrue(text.contains("100x192") && text.contains("3 x 4"), text)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path))
    }

    func testFaceLabelsMustNameEveryFace() {
        var preview = SamplePreview.make()
        preview.characters[0].faceLabels.removeLast()
        XCTAssertThrowsError(try CastPreviewWriter.write(preview, to: folder.path)) { error in
            XCTAssertEqual(String(describing: error),
                           "character 1 (\(SamplePreview.trickyName)) faceLabels: has 7 labels; give exactly 8, one per face in faceIndex order")
        }
    }

    func testEmptyStageImageIsRefused() {
        var preview = SamplePreview.make()
        preview.characters[0].stages[1].image = RGBAImage(width: 0, height: 0)
        XCTAssertThrowsError(try CastPreviewWriter.write(preview, to: folder.path)) { error in
            XCTAssertTrue(String(describing: error).contains("stage 2 (Head crop): the image is empty (0x0)"), "\(error)")
        }
    }

    func testFolderThatIsAFileGivesAClearError() throws {
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder.path))
        XCTAssertThrowsError(try CastPreviewWriter.write(SamplePreview.make(), to: folder.path)) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.hasPrefix(folder.path + "/images: could not create the preview folder"), text)
        }
    }
}

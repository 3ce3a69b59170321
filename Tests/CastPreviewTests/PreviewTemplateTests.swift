import Foundation
import XCTest
import CastTemplates
@testable import CastPreview

/// The page comes from templates/preview/: the shipped templates give the page StyleCast wrote
/// before its HTML moved into them, byte for byte, and one's own templates replace theirs.
final class PreviewTemplateTests: XCTestCase {
    private var folder: ScratchFolder!

    override func setUp() { folder = ScratchFolder() }
    override func tearDown() { folder.remove() }

    /// Pages the Swift-built HTML gave for these previews, kept as files: the sample (escaping
    /// of tricky names and labels), characters without pipeline stages, an empty cast, and
    /// controls, combining marks after quotes and a character with no actor fields.
    static let goldens: [(file: String, preview: CastPreview)] = {
        var odd = SamplePreview.character(name: "q\"\u{301} onerror=x \u{1B}\u{85}\u{FFFF}'\u{301}<\u{338}", fileName: "Odd",
                                          actorId: 9, hue: 3, stageCount: 1)
        odd.faceMixes = ["seed:1, rows 0-3, replace", "<x>\u{0}"]
        odd.actorFields = []
        return [
            ("sample.html", SamplePreview.make()),
            ("no-stages.html", SamplePreview.make(characterCount: 3, stageCount: 0)),
            ("empty.html", CastPreview(title: "Empty", generatedBy: "x", characters: [])),
            ("odd.html", CastPreview(title: "T\u{7}", generatedBy: "g&", characters: [odd])),
        ]
    }()

    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path

    func testTheShippedTemplatesGiveTheSamePageAsBefore() throws {
        for (file, preview) in Self.goldens {
            let expected = try XCTUnwrap(FileManager.default.contents(atPath: Self.goldenFolder + "/" + file), file)
            let other = ScratchFolder()
            defer { other.remove() }
            let index = try CastPreviewWriter.write(preview, to: other.path)
            XCTAssertEqual(FileManager.default.contents(atPath: index), expected, file)
        }
    }

    func testOwnTemplatesReplaceTheShippedOnesOneFileAtATime() throws {
        let own = folder.path + "/own"
        try FileManager.default.createDirectory(atPath: own + "/preview", withIntermediateDirectories: true)
        try "body { color: red; }\n".write(toFile: own + "/preview/style.css.mustache", atomically: true, encoding: .utf8)
        let templates = try PreviewTemplates(from: TemplateFolders(own: own))
        let shipped = try String(contentsOfFile: Self.goldenFolder + "/sample.html", encoding: .utf8)
        let html = try String(contentsOfFile: CastPreviewWriter.write(SamplePreview.make(), to: folder.path + "/out", templates: templates),
                              encoding: .utf8)
        // Only the style sheet changed; the page around it is the shipped one.
        let styleSheet = try XCTUnwrap(shipped.range(of: "<style>\n")?.upperBound).self
        let styleEnd = try XCTUnwrap(shipped.range(of: "</style>")?.lowerBound)
        XCTAssertEqual(html, shipped.replacingCharacters(in: styleSheet..<styleEnd, with: "body { color: red; }\n"))

        try "<h1>{{title}}</h1>{{#characters}}<p>{{name}}</p>{{/characters}}\n".write(toFile: own + "/preview/index.html.mustache",
                                                                                        atomically: true, encoding: .utf8)
        let page = try String(contentsOfFile: CastPreviewWriter.write(SamplePreview.make(), to: folder.path + "/out",
                                                                      templates: PreviewTemplates(from: TemplateFolders(own: own))),
                              encoding: .utf8)
        XCTAssertEqual(page, "<h1>Cast of &lt;My &amp; Game&gt;</h1><p>&lt;b&gt;Ann &amp; &quot;Bo&quot;&lt;/b&gt;</p><p>テレーゼ 🌸 O&#39;Neil</p>\n")
    }

    func testABrokenPageTemplateIsReportedWithItsLineBeforeAnythingIsWritten() throws {
        let own = folder.path + "/own"
        try FileManager.default.createDirectory(atPath: own + "/preview", withIntermediateDirectories: true)
        let page = own + "/preview/index.html.mustache"
        try "<html>\n<body>\n{{#characters}}\n<p>{{name}}</p>\n</body>\n".write(toFile: page, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try PreviewTemplates(from: TemplateFolders(own: own))) { error in
            let error = error as? TemplateError
            XCTAssertEqual(error?.file, page)
            XCTAssertNotNil(error?.line)
            XCTAssertTrue(error?.reason.contains("never closed") == true, "\(String(describing: error))")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path + "/out"))
    }
}

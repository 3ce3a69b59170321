import CastPipeline
import CastTemplates
import Foundation
import XCTest

/// A cast finds its preview templates in --templates, else the manifest's defaults.templates,
/// else the shipped ones; a broken one stops the run before anything is made or written.
/// (An extension: the tiny models are CastRunTests' own, removed when its tests end.)
extension CastRunTests {
    private func putTemplate(_ text: String, at relative: String) throws {
        let url = URL(fileURLWithPath: scratch.folder + "/" + relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func testABrokenPreviewTemplateStopsTheRunBeforeAnythingIsMadeOrWritten() throws {
        scratch.remove()
        scratch = try ScratchProject(small: true)
        try putTemplate("<h1>{{title}}</h1>\n{{#characters}}\n<p>{{name}}</p>\n{{/character}}\n", at: "mine/preview/index.html.mustache")
        var options = scratch.options()
        options.templates = TemplateFolders(own: scratch.folder + "/mine")
        let untouched = try scratch.snapshot(of: scratch.folder)
        let events = Collected<CastEvent>()
        for dryRun in [true, false] {
            options.dryRun = dryRun
            XCTAssertThrowsError(try scratch.cast(options, events: events.append)) { error in
                XCTAssertTrue("\(error)".hasPrefix(scratch.folder + "/mine/preview/index.html.mustache:4:"), "\(error)")
                XCTAssertTrue("\(error)".contains("does not match the section it closes"), "\(error)")
            }
        }
        XCTAssertTrue(events.all.isEmpty, "art was made before the refusal")
        XCTAssertTrue(try scratch.snapshot(of: scratch.folder) == untouched, "files were written")
    }

    func testTheManifestsTemplatesFolderIsUsedAndTheCommandLineWins() throws {
        scratch.remove()
        scratch = try ScratchProject(small: true)
        try putTemplate("<p>manifest's {{title}}</p>\n", at: "Sample/my-templates/preview/index.html.mustache")
        try putTemplate("<p>command line's {{#characters}}{{name}} {{/characters}}</p>\n", at: "cli/preview/index.html.mustache")
        try scratch.editManifest { $0.replacingOccurrences(of: "\"defaults\": {", with: "\"defaults\": {\"templates\": \"my-templates\", ") }
        let index = try XCTUnwrap(scratch.cast().previewIndex)
        XCTAssertEqual(try String(contentsOfFile: index, encoding: .utf8), "<p>manifest's Cast of Sample</p>\n")

        var options = scratch.options()
        options.templates = TemplateFolders(own: scratch.folder + "/cli")
        try scratch.cast(options)
        XCTAssertEqual(try String(contentsOfFile: index, encoding: .utf8), "<p>command line's Aria Newt Pip </p>\n")
    }
}

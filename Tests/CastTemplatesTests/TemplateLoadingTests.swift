import XCTest
@testable import CastTemplates

/// Where templates come from, and what a missing or broken one says.
final class TemplateLoadingTests: XCTestCase {
    private var scratch: TemplateScratch!

    override func setUp() { scratch = TemplateScratch() }
    override func tearDown() { scratch.remove() }

    private var folders: TemplateFolders { TemplateFolders(own: scratch.path + "/own", shipped: scratch.path + "/shipped") }

    private func load(_ folders: TemplateFolders? = nil) throws -> TemplateGroup {
        try TemplateGroup("demo", required: ["page"], escaping: .html, from: folders ?? self.folders)
    }

    private func error(_ load: () throws -> Any) -> TemplateError? {
        do {
            _ = try load()
            XCTFail("loaded, but an error was expected")
        } catch let error as TemplateError {
            return error
        } catch {
            XCTFail("unexpected error \(error)")
        }
        return nil
    }

    func testOwnTemplatesReplaceShippedOnesAndMissingOnesFallBack() throws {
        try scratch.put("shipped page, {{> part}}", at: "shipped/demo/page.mustache")
        try scratch.put("shipped part", at: "shipped/demo/part.mustache")
        XCTAssertEqual(try load(TemplateFolders(own: nil, shipped: scratch.path + "/shipped")).render("page", ()), "shipped page, shipped part")

        // The own folder holds only the partial it changes, and may add partials of its own.
        try scratch.put("own part {{> extra}}", at: "own/demo/part.mustache")
        try scratch.put("+", at: "own/demo/extra.mustache")
        let group = try load()
        XCTAssertEqual(group.render("page", ()), "shipped page, own part +")
        XCTAssertEqual(group.files["page"], scratch.path + "/shipped/demo/page.mustache")
        XCTAssertEqual(group.files["part"], scratch.path + "/own/demo/part.mustache")

        try scratch.put("own page", at: "own/demo/page.mustache")
        XCTAssertEqual(try load().render("page", ()), "own page")
    }

    func testABrokenTemplateNamesItsFileLineAndColumn() throws {
        let path = try scratch.put("<ul>\n{{#items}}\n  <li>{{name}</li>\n{{/items}}\n", at: "own/demo/page.mustache")
        let unfinished = error { try load() }
        XCTAssertEqual(unfinished?.file, path)
        XCTAssertEqual(unfinished?.line, 3)
        XCTAssertTrue(unfinished?.description.hasPrefix(path + ":3:") == true, "\(String(describing: unfinished))")
        XCTAssertTrue(unfinished?.reason.contains("not finished") == true, "\(String(describing: unfinished))")

        try scratch.put("<ul>\n{{#items}}\n<li>{{name}}</li>\n{{/item}}\n", at: "own/demo/page.mustache")
        let mismatched = error { try load() }
        XCTAssertEqual(mismatched?.line, 4)
        XCTAssertEqual(mismatched?.column, 4)
        XCTAssertTrue(mismatched?.reason.contains("does not match the section it closes") == true, "\(String(describing: mismatched))")

        // A broken partial the page never uses still stops the load: every file is checked.
        try scratch.put("fine", at: "own/demo/page.mustache")
        let partial = try scratch.put("one\ntwo {{#open}}\n", at: "own/demo/unused.mustache")
        let unclosed = error { try load() }
        XCTAssertEqual(unclosed?.file, partial)
        XCTAssertTrue(unclosed?.reason.contains("never closed") == true, "\(String(describing: unclosed))")
    }

    func testAMissingTemplateSaysWhereItLookedAndWhatToDo() throws {
        let noShipped = TemplateFolders(own: nil, shipped: nil)
        let missing = error { try load(noShipped) }
        XCTAssertEqual(missing?.file, "templates/demo/page.mustache")
        XCTAssertTrue(missing?.reason.contains("STYLECAST_TEMPLATES") == true, "\(String(describing: missing))")
        XCTAssertTrue(missing?.reason.contains("--templates") == true, "\(String(describing: missing))")

        let notThere = error { try load(TemplateFolders(own: nil, shipped: scratch.path + "/none")) }
        XCTAssertTrue(notThere?.reason.contains("STYLECAST_TEMPLATES names '\(scratch.path)/none', which is not a folder") == true,
                      "\(String(describing: notThere))")

        try FileManager.default.createDirectory(atPath: scratch.path + "/shipped", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: scratch.path + "/own", withIntermediateDirectories: true)
        let gone = error { try load() }
        XCTAssertEqual(gone?.file, scratch.path + "/shipped/demo/page.mustache")
        XCTAssertTrue(gone?.reason.contains("'\(scratch.path)/own/demo/page.mustache'") == true, "\(String(describing: gone))")
        XCTAssertTrue(gone?.reason.hasSuffix("restore it from the repository's templates/ folder") == true, "\(String(describing: gone))")
    }

    /// A mistyped --templates must not quietly fall back to the shipped templates.
    func testAnOwnFolderThatIsNotThereIsAnError() throws {
        try scratch.put("page", at: "shipped/demo/page.mustache")
        let missing = error { try load(TemplateFolders(own: scratch.path + "/typo", shipped: scratch.path + "/shipped")) }
        XCTAssertEqual(missing?.file, scratch.path + "/typo")
        XCTAssertTrue(missing?.reason.contains("is not a folder of templates") == true, "\(String(describing: missing))")
    }

    func testATemplateThatIsNotUTF8IsRefused() throws {
        let path = scratch.path + "/shipped/demo/page.mustache"
        try scratch.put("", at: "shipped/demo/page.mustache")
        try Data([0x3C, 0xFF, 0xFE, 0x3E]).write(to: URL(fileURLWithPath: path))
        let refused = error { try load(TemplateFolders(own: nil, shipped: scratch.path + "/shipped")) }
        XCTAssertEqual(refused?.file, path)
        XCTAssertTrue(refused?.reason.contains("UTF-8") == true, "\(String(describing: refused))")
    }

    func testShippedTemplatesComeFromTheEnvironmentOrTheRepositoryOfTheExecutable() throws {
        XCTAssertEqual(TemplateFolders(environment: ["STYLECAST_TEMPLATES": "/opt/t/"], executable: "/x/stylecast").shipped, "/opt/t")
        let repo = scratch.path + "/repo"
        try FileManager.default.createDirectory(atPath: repo + "/templates", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: repo + "/.build/release", withIntermediateDirectories: true)
        let found = TemplateFolders(own: "rel/dir", environment: [:], executable: repo + "/.build/release/stylecast")
        XCTAssertEqual(found.shipped, URL(fileURLWithPath: repo + "/templates").resolvingSymlinksInPath().path)
        XCTAssertEqual(found.own, FileManager.default.currentDirectoryPath + "/rel/dir")
        XCTAssertNil(TemplateFolders(environment: [:], executable: "/").shipped)
        // The tests find the repository's own templates/ this way, as CI's clean clone does.
        XCTAssertEqual(TemplateFolders().shipped.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path },
                       URL(fileURLWithPath: repositoryTemplates).resolvingSymlinksInPath().path)
    }
}

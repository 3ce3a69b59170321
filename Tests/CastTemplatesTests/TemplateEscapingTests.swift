import XCTest
@testable import CastTemplates

/// `{{value}}` is escaped by default, for HTML or for JSON text, whatever the value holds.
final class TemplateEscapingTests: XCTestCase {
    private var scratch: TemplateScratch!

    override func setUp() { scratch = TemplateScratch() }
    override func tearDown() { scratch.remove() }

    private struct Person { let name: String; let note: String }

    private func render(_ template: String, _ model: Any, escaping: TemplateEscaping) throws -> String {
        try scratch.put(template, at: "shipped/demo/page.mustache")
        let group = try TemplateGroup("demo", required: ["page"], escaping: escaping,
                                      from: TemplateFolders(own: nil, shipped: scratch.path + "/shipped"))
        return group.render("page", model)
    }

    func testHTMLIsEscapedByDefaultAndRawOnlyInTripleBraces() throws {
        let person = Person(name: "<script>alert('x')</script> & \"Bo\"", note: "<b>")
        XCTAssertEqual(try render("<p title=\"{{name}}\">{{name}}</p>{{{note}}}", person, escaping: .html),
                       "<p title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Bo&quot;\">"
                       + "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Bo&quot;</p><b>")
    }

    /// Mustache's own escaping compares whole characters: a quote with a combining mark would
    /// pass and end the attribute. Ours goes scalar by scalar, and replaces forbidden controls.
    func testAQuoteWithACombiningMarkAndControlsCannotBreakOut() throws {
        let person = Person(name: "x\"\u{301} onerror=alert(1) <\u{338}", note: "a\u{0}b\u{1B}c\u{85}d\u{FFFF}\te\nf")
        XCTAssertEqual(try render("<img alt=\"{{name}}\">{{note}}", person, escaping: .html),
                       "<img alt=\"x&quot;\u{301} onerror=alert(1) &lt;\u{338}\">a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}\te\nf")
    }

    func testJSONTextIsEscapedAsTheProjectsJSONWriterWritesIt() throws {
        let person = Person(name: "Bo \"the\\Bold\"\nline\u{1}テ", note: "{\"raw\": 1}")
        XCTAssertEqual(try render("{\"name\": \"{{name}}\", \"x\": {{{note}}}}", person, escaping: .jsonString),
                       "{\"name\": \"Bo \\\"the\\\\Bold\\\"\\nline\\u0001テ\", \"x\": {\"raw\": 1}}")
    }

    /// The escaping pragma sits on a line of its own before the template: standalone tags on the
    /// template's first line, and a leading blank line, behave as in any Mustache template.
    func testThePragmaLeavesTheTemplatesOwnLinesAsTheyAre() throws {
        struct List { let items: [String] }
        XCTAssertEqual(try render("{{#items}}\n- {{.}}\n{{/items}}\n", List(items: ["a", "b"]), escaping: .html), "- a\n- b\n")
        XCTAssertEqual(try render("\nstart", List(items: []), escaping: .html), "\nstart")
        XCTAssertEqual(try render("{{! note }}\nline", List(items: []), escaping: .html), "line")
    }

    /// Partials get the group's escaping too (Mustache itself would reset it to its own).
    func testPartialsEscapeAlike() throws {
        try scratch.put("[{{name}}]", at: "shipped/demo/part.mustache")
        XCTAssertEqual(try render("{{> part}}", Person(name: "\"\u{301}", note: ""), escaping: .html), "[&quot;\u{301}]")
    }
}

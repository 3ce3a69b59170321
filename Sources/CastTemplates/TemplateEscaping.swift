import Mustache
import StyleCastIO

/// How a template escapes `{{value}}` (on by default; `{{{value}}}` is raw): for an HTML page,
/// or for text inside a JSON string literal. Each is registered as a Mustache content type and
/// set by a pragma the compiler puts before every template of the group, partials included.
public enum TemplateEscaping: String, Sendable {
    case html = "STYLECAST_HTML"
    case jsonString = "STYLECAST_JSON_STRING"

    /// Registers both content types once, before the first template is compiled.
    static let registered: Void = {
        MustacheContentTypes.register(HTMLEscaping(), named: TemplateEscaping.html.rawValue)
        MustacheContentTypes.register(JSONStringEscaping(), named: TemplateEscaping.jsonString.rawValue)
    }()

    /// The line put before a template's own first line; being a standalone tag, it leaves no
    /// trace in the output, and the template's lines number one more while it is compiled.
    var pragma: String { "{{% CONTENT_TYPE: \(rawValue) }}\n" }
}

/// Mustache's own HTML escaping compares whole characters, so a quote followed by a combining
/// mark (one character, two scalars) passes unescaped and can end an attribute; `HTMLText`
/// escapes scalar by scalar, and replaces the controls HTML forbids.
private struct HTMLEscaping: MustacheContentType {
    func escapeText(_ text: String) -> String { HTMLText.escaped(text) }
}

/// Text as JSON writes it between the quotes of a string, by the project's own JSON writer.
private struct JSONStringEscaping: MustacheContentType {
    func escapeText(_ text: String) -> String {
        let quoted = String(decoding: JSONWriter.compact(.string(text)), as: UTF8.self)
        return String(quoted.dropFirst().dropLast())
    }
}

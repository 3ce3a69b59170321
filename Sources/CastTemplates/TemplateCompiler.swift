import Foundation
import Mustache

/// Reads and compiles one template file, turning every failure into a `TemplateError` that
/// names the file, and the line and column for a mistake in the text.
enum TemplateCompiler {
    static func compile(file: String, escaping: TemplateEscaping) throws -> MustacheTemplate {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw TemplateError(file: file, reason: "cannot read the template (missing or not readable)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw TemplateError(file: file, reason: "the template is not UTF-8 text; save it as UTF-8")
        }
        _ = TemplateEscaping.registered
        do {
            return try MustacheTemplate(string: escaping.pragma + text)
        } catch let error as MustacheTemplate.ParserError {
            // The pragma takes the first line: the template's own lines are one further down.
            throw TemplateError(file: file, line: max(1, error.context.lineNumber - 1), column: error.context.columnNumber,
                                reason: explanation(of: error.error))
        }
    }

    /// The parser's complaint in words, with what to do about it.
    static func explanation(of error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect:
            return "this closing tag {{/...}} does not match the section it closes; close sections in the order they were opened"
        case .unfinishedName:
            return "a tag is not finished: close it with }} and use only letters, digits and . _ - ? * in names"
        case .expectedSectionEnd:
            return "a section {{#...}} or {{^...}} is never closed; add its {{/...}}"
        case .invalidSetDelimiter:
            return "the set-delimiter tag is malformed; write it as {{=<% %>=}}"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable:
            return "unknown pragma {{% ...}}; the only one is {{% CONTENT_TYPE: HTML }} (or TEXT)"
        default:
            return "the template is not valid Mustache (\(error))"
        }
    }
}

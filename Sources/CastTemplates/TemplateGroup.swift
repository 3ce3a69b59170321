import Mustache

/// The templates of one folder of `templates/` (e.g. "preview"), compiled together so each can
/// include the others as partials (`{{> style.css}}`), all escaping alike. Loading checks every
/// file, so a broken template stops a command before it writes anything.
public struct TemplateGroup: Sendable {
    static let fileExtension = ".mustache"

    /// The file each template came from, by name (`index.html` for `index.html.mustache`).
    public let files: [String: String]
    private let library: MustacheLibrary

    /// Loads every template of `group` from `folders` (own ones over shipped ones); each name
    /// of `required` (such as "index.html") must be among them.
    public init(_ group: String, required: [String], escaping: TemplateEscaping, from folders: TemplateFolders) throws {
        let found = try folders.files(of: group)
        for name in required where found[name + Self.fileExtension] == nil {
            let relative = group + "/" + name + Self.fileExtension
            throw TemplateError(file: folders.shipped.map { $0 + "/" + relative } ?? "templates/" + relative,
                                reason: folders.missingAdvice(relative))
        }
        var templates: [String: MustacheTemplate] = [:]
        var files: [String: String] = [:]
        for (fileName, path) in found.sorted(by: { $0.key < $1.key }) {
            let name = String(fileName.dropLast(Self.fileExtension.count))
            templates[name] = try TemplateCompiler.compile(file: path, escaping: escaping)
            files[name] = path
        }
        self.files = files
        library = MustacheLibrary(templates: templates)
    }

    /// `template` filled in from `model`: plain data (structs, strings, numbers, lists) whose
    /// property names are the template's tags. A tag the model lacks renders as nothing.
    public func render(_ template: String, _ model: Any) -> String {
        guard let text = library.render(model, withTemplate: template) else {
            preconditionFailure("\(template) was not loaded; list it in `required`")
        }
        return text
    }
}

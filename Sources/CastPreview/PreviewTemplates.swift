import CastTemplates

/// The preview's templates (`templates/preview/`: `index.html.mustache` and the partials it
/// includes), loaded and checked up front so a broken one stops a cast before it writes anything.
public struct PreviewTemplates: Sendable {
    static let group = "preview"
    static let page = "index.html"

    private let templates: TemplateGroup

    public init(from folders: TemplateFolders = TemplateFolders()) throws {
        templates = try TemplateGroup(Self.group, required: [Self.page], escaping: .html, from: folders)
    }

    /// The page's HTML; every value in it escaped by the template.
    func html(for preview: CastPreview, images: [CharacterImages]) -> String {
        templates.render(Self.page, PreviewPageModel(preview, images: images))
    }
}

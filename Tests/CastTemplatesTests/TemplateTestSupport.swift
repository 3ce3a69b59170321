import Foundation
@testable import CastTemplates

/// The repository's templates/ folder, as CI's clean clone has it.
let repositoryTemplates: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("templates").path

/// A throwaway folder of template files, removed by `remove()`.
struct TemplateScratch {
    let path: String

    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("stylecast-templates-\(UUID().uuidString)").path
    }

    /// Writes `text` to `relative` (e.g. "own/demo/page.html.mustache"); returns its path.
    @discardableResult
    func put(_ text: String, at relative: String) throws -> String {
        let url = URL(fileURLWithPath: path + "/" + relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

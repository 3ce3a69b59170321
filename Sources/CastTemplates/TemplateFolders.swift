import Foundation
import StyleCastIO

/// Where templates are looked for: one's own folder first (`--templates DIR` or a manifest's
/// `defaults.templates`), then the shipped `templates/`. Both are laid out alike
/// (`preview/index.html.mustache`, `init/cast.json.mustache`), so an own folder may hold only
/// the templates it changes. The shipped folder is found as `models/` is: `STYLECAST_TEMPLATES`
/// wins, else `templates/` of the repository the executable was built in or of an install prefix.
public struct TemplateFolders: Sendable, Equatable {
    public static let environmentVariable = "STYLECAST_TEMPLATES"

    /// One's own templates, as an absolute path; nil when none were asked for.
    public var own: String?
    /// The shipped `templates/` folder, or nil when none was found.
    public var shipped: String?

    public init(own: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                executable: String = CommandLine.arguments.first ?? "") {
        self.own = own.map(Self.absolute)
        if let given = environment[Self.environmentVariable], !given.isEmpty {
            shipped = Self.absolute(given)
        } else {
            shipped = ShippedFolder.near(executable: executable, named: "templates")
        }
    }

    public init(own: String?, shipped: String?) {
        self.own = own.map(Self.absolute)
        self.shipped = shipped.map(Self.absolute)
    }

    /// Checks that the own folder, when given, is a folder: a mistyped path must not quietly
    /// fall back to the shipped templates.
    public func checkOwn() throws {
        guard let own else { return }
        guard Self.isFolder(own) else {
            throw TemplateError(file: own, reason: "is not a folder of templates; give a folder laid out like StyleCast's templates/ (e.g. DIR/preview/index.html.mustache), holding only the templates you change")
        }
    }

    /// The `.mustache` files of `group` (e.g. "preview"), by file name: the shipped ones,
    /// replaced and added to by the own folder's.
    func files(of group: String) throws -> [String: String] {
        try checkOwn()
        var files: [String: String] = [:]
        for folder in [shipped, own].compactMap({ $0 }) {
            let path = folder + "/" + group
            guard Self.isFolder(path) else { continue }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path)
            } catch {
                throw TemplateError(file: path, reason: "cannot list this folder of templates (\(error.localizedDescription))")
            }
            for name in names where name.hasSuffix(TemplateGroup.fileExtension) && !name.hasPrefix(".") {
                files[name] = path + "/" + name
            }
        }
        return files
    }

    /// What to tell a user whose template is in neither folder.
    func missingAdvice(_ relative: String) -> String {
        let looked = [own, shipped].compactMap { $0 }.map { "'\($0)/\(relative)'" }
        let missing = "the template is missing" + (looked.isEmpty ? "" : " (looked for \(looked.joined(separator: " and ")))")
        let fix = "set \(Self.environmentVariable) to a folder laid out like the repository's templates/, or pass --templates DIR with this file in it"
        guard let shipped else { return "\(missing): StyleCast's templates/ folder is not installed here; \(fix)" }
        // Only the environment variable can name a shipped folder that is not there.
        guard Self.isFolder(shipped) else { return "\(missing): \(Self.environmentVariable) names '\(shipped)', which is not a folder; \(fix)" }
        return "\(missing); restore it from the repository's templates/ folder"
    }

    private static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    private static func isFolder(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }
}

import Foundation

/// Finds a folder StyleCast ships beside its code (`models/`, `templates/`): the one in the
/// repository the running executable was built in (`<repo>/.build/release/stylecast`), or in
/// an install prefix (`<prefix>/bin/stylecast` with `<prefix>/share/stylecast/<name>`).
public enum ShippedFolder {
    /// Walks up from the executable's real location to the first folder with a `name`
    /// subfolder, also trying `share/stylecast/<name>` for installs; nil when there is none.
    public static func near(executable: String, named name: String) -> String? {
        guard !executable.isEmpty else { return nil }
        var url = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            for candidate in [name, "share/stylecast/" + name] {
                let folder = url.appendingPathComponent(candidate).path
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue {
                    return folder
                }
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { break }
            url = parent
        }
        return nil
    }
}

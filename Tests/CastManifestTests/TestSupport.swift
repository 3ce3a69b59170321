import Foundation
import XCTest
import StyleCastIO
@testable import CastManifest

/// A throwaway folder for a manifest and the files it points at.
struct ManifestFolder {
    let root: String

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("stylecast-manifest-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    func path(_ relative: String) -> String { root + "/" + relative }

    func write(_ bytes: [UInt8], to relative: String) throws {
        let url = URL(fileURLWithPath: path(relative))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// Writes `cast.json` and loads it.
    func load(_ text: String) throws -> Manifest {
        try write(Array(text.utf8), to: "cast.json")
        return try CastManifest.load(path: path("cast.json"))
    }

    /// The error lines loading `text` gives, with the folder left out of the file name.
    func errors(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        do {
            _ = try load(text)
            XCTFail("the manifest loaded, but errors were expected", file: file, line: line)
            return []
        } catch let errors as ManifestErrors {
            return errors.lines.map { $0.replacingOccurrences(of: root + "/", with: "") }
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return []
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

/// The repository's sample-project/.
let sampleProjectRoot: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("sample-project").path

/// The limits of small models, large enough for the sample cast.
let spriteLimits = ModelLimits(numWs: 10, wDim: 512)
let faceLimits = ModelLimits(numWs: 12, wDim: 512)

/// The text of the first fenced block (```` ```jsonc ````, ```` ```text ````...) after `marker` in
/// the README, and where the block ends: tests load the README's examples so the documentation
/// stays true.
func readmeBlock(_ fence: String, after marker: String, in readme: String? = nil, from start: String.Index? = nil) throws -> (text: String, end: String.Index) {
    let readme = try readme ?? String(contentsOfFile: sampleProjectRoot + "/../README.md", encoding: .utf8)
    let searchFrom = try start ?? XCTUnwrap(readme.range(of: marker), "README has no '\(marker)'").upperBound
    let open = try XCTUnwrap(readme.range(of: "```" + fence + "\n", range: searchFrom..<readme.endIndex))
    let close = try XCTUnwrap(readme.range(of: "```", range: open.upperBound..<readme.endIndex))
    return (String(readme[open.upperBound..<close.lowerBound]), close.upperBound)
}

/// An Actors.json the starter manifest must leave out or rename actors of: actor 2 has no name,
/// actors 4 and 8 repeat actor 1's name, actor 3's differs from it only in case, actor 5's name
/// gives no file name, actor 6 has levels the editor would refuse, and actor 7's name holds a
/// line separator and markup.
let trickyActors = """
    [
    null,
    {"id":1,"name":"Guard","nickname":"","profile":"","classId":1,"initialLevel":1,"maxLevel":99,"note":""},
    {"id":2,"name":"","nickname":"","profile":"","classId":1,"initialLevel":1,"maxLevel":99,"note":""},
    {"id":3,"name":"guard","nickname":"\\"Q\\"","profile":"line\\nbreak","classId":2,"initialLevel":1,"maxLevel":99,"note":""},
    {"id":4,"name":"Guard","nickname":"","profile":"","classId":1,"initialLevel":1,"maxLevel":99,"note":""},
    {"id":5,"name":"???","nickname":"","profile":"","classId":1,"initialLevel":1,"maxLevel":99,"note":""},
    {"id":6,"name":"Zed","nickname":"","profile":"","classId":0,"initialLevel":50,"maxLevel":10,"note":""},
    {"id":7,"name":"Bob\\u2028</script>","classId":3},
    {"id":8,"name":"Guard"}
    ]
    """

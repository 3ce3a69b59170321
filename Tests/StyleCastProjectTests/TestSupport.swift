import Foundation
import XCTest
import StyleCastIO
@testable import StyleCastProject

/// A throwaway RPG Maker project folder under the temporary directory.
struct TemporaryProject {
    let root: String

    /// An Actors.json with extra actors, a plugin's unknown field, Unicode, escapes and floats:
    /// what StyleCast must leave alone.
    static let actorsJSON = """
        [
        null,
        {"id":1,"battlerName":"Actor1_1","characterIndex":0,"characterName":"Actor1","classId":1,"equips":[1,1,2,3,0],"faceIndex":0,"faceName":"Actor1","traits":[{"code":23,"dataId":0,"value":1.0}],"initialLevel":1,"maxLevel":99,"name":"Harold","nickname":"","note":"<Plugin: x>\\n\\"q\\"","profile":"","myPlugin":{"rate":0.50,"list":[1e3]}},
        {"id":2,"battlerName":"","characterIndex":5,"characterName":"People1","classId":2,"equips":[0,0,0,0,0],"faceIndex":5,"faceName":"People1","traits":[],"initialLevel":3,"maxLevel":50,"name":"テレーゼ 🌸","nickname":"Ä","note":"","profile":"tab\\there"}
        ]
        """

    /// The size fields of an RPG Maker MZ 1.9 System.json at its defaults.
    static let systemJSON = #"{"faceSize":144,"gameTitle":"Test","iconSize":32,"tileSize":48}"#

    /// `system` is the project's data/System.json (written for MZ only, unless given).
    init(engine: Engine = .rpgMakerMV, actors: String = TemporaryProject.actorsJSON, system: String? = nil) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("stylecast-project-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/data", withIntermediateDirectories: true)
        let marker = engine == .rpgMakerMV ? "Game.rpgproject" : "game.rmmzproject"
        try write(Array("RPGMV 1.6.2".utf8), to: marker)
        try write(Array(actors.utf8), to: "data/Actors.json")
        if let system = system ?? (engine == .rpgMakerMZ ? Self.systemJSON : nil) {
            try write(Array(system.utf8), to: ArtLayouts.systemPath)
        }
    }

    func path(_ relative: String) -> String { root + "/" + relative }

    func write(_ bytes: [UInt8], to relative: String) throws {
        let url = URL(fileURLWithPath: path(relative))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func read(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(relative))))
    }

    func text(_ relative: String) throws -> String { String(decoding: try read(relative), as: UTF8.self) }

    /// Every file under the project (relative path -> bytes), optionally without `.stylecast`.
    func snapshot(includingState: Bool = false) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)!
        while let relative = enumerator.nextObject() as? String {
            if !includingState && relative.hasPrefix(".stylecast") { continue }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path(relative), isDirectory: &isFolder), !isFolder.boolValue {
                files[relative] = try read(relative)
            }
        }
        return files
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

/// A test case whose throwaway projects are removed after each test.
class ProjectTestCase: XCTestCase {
    private var projects: [TemporaryProject] = []
    override func tearDown() {
        projects.forEach { $0.remove() }
        super.tearDown()
    }

    func makeProject(_ engine: Engine = .rpgMakerMV, actors: String = TemporaryProject.actorsJSON,
                     system: String? = nil) throws -> TemporaryProject {
        let project = try TemporaryProject(engine: engine, actors: actors, system: system)
        projects.append(project)
        return project
    }
}

/// Fails unless `body` throws an error whose text contains every one of `parts`.
func assertError(_ body: @autoclosure () throws -> Any, contains parts: [String],
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
        let text = String(describing: error)
        for part in parts { XCTAssertTrue(text.contains(part), "'\(part)' not in: \(text)", file: file, line: line) }
    }
}

/// Distinctive, deterministic art: every pixel encodes its position and `seed`.
func testArt(seed: UInt8 = 1) throws -> CharacterArt {
    func image(_ width: Int, _ height: Int, _ tag: UInt8) -> RGBAImage {
        var image = RGBAImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                image[x, y] = (UInt8(x & 0xFF), UInt8(y & 0xFF), tag, 255)
            }
        }
        return image
    }
    return try CharacterArt(walkSheet: image(144, 192, seed),
                            faces: (0..<8).map { image(144, 144, seed &+ UInt8($0) &* 16) })
}

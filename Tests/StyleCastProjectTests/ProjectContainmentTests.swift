import Foundation
import XCTest
import StyleCastIO
@testable import StyleCastProject

/// StyleCast never writes, renames or deletes anything outside the project: not through a
/// linked folder, not for a journal planted in a project from someone else, not with `--force`.
final class ProjectContainmentTests: XCTestCase {
    private var project: TemporaryProject!
    private var outside: String!

    override func setUpWithError() throws {
        project = try TemporaryProject()
        outside = project.root + "-outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try Data("someone else's".utf8).write(to: URL(fileURLWithPath: outside + "/keep.txt"))
    }

    override func tearDown() {
        project?.remove()
        if let outside { try? FileManager.default.removeItem(atPath: outside) }
    }

    /// Every file under `folder`, relative path -> SHA-256 (links not followed).
    private func files(in folder: String) throws -> [String: String] {
        var files: [String: String] = [:]
        for relative in try FileManager.default.subpathsOfDirectory(atPath: folder) {
            var info = stat()
            if lstat(folder + "/" + relative, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
                files[relative] = SHA256.hexDigest([UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + relative))))
            }
        }
        return files
    }

    /// Replaces the project folder `relative` by a link to `target`, moving what it held there.
    private func link(_ relative: String, to target: String) throws {
        let path = project.path(relative)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        if FileManager.default.fileExists(atPath: path) {
            for name in try FileManager.default.contentsOfDirectory(atPath: path) {
                try FileManager.default.moveItem(atPath: path + "/" + name, toPath: target + "/" + name)
            }
            try FileManager.default.removeItem(atPath: path)
        }
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
    }

    private func export(force: Bool) throws {
        let writer = try ProjectWriter(projectPath: project.root, options: .init(force: force))
        try writer.add(CharacterExport(name: "Ann", art: testArt()))
        _ = try writer.commit()
    }

    func testAFolderLinkedOutOfTheProjectIsRefusedEvenWithForce() throws {
        for relative in ["img/characters", "img/faces", "img", "data", ".stylecast"] {
            tearDown()
            try setUpWithError()
            try link(relative, to: outside)
            let before = try files(in: outside)
            XCTAssertThrowsError(try export(force: true), relative) { error in
                let text = String(describing: error)
                XCTAssertTrue(text.contains(project.path(relative)) && text.contains("link") && text.contains("--force"), text)
            }
            XCTAssertEqual(try files(in: outside), before, "nothing written through \(relative)")
        }
    }

    func testAFolderLinkThatStaysInsideTheProjectOrLeadsNowhereIsRefusedToo() throws {
        try FileManager.default.createDirectory(atPath: project.path("img/portraits"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: project.path("img/faces"), withDestinationPath: "portraits")
        XCTAssertThrowsError(try export(force: false)) { error in
            XCTAssertTrue(String(describing: error).contains(project.path("img/faces")), "\(error)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: project.path("img/portraits")), [])

        try FileManager.default.removeItem(atPath: project.path("img/faces"))
        try FileManager.default.createSymbolicLink(atPath: project.path("img/faces"), withDestinationPath: outside + "/not-yet")
        XCTAssertThrowsError(try export(force: false)) { error in
            XCTAssertTrue(String(describing: error).contains(project.path("img/faces")), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: outside + "/not-yet"))
    }

    func testAPlantedJournalCannotReachOutsideThroughALink() throws {
        // A project from someone else: img/pictures links out, and a journal "rolls back" a
        // new file there (a delete) and a replaced one (its planted backup moved over it).
        try Data("theirs".utf8).write(to: URL(fileURLWithPath: outside + "/victim.txt"))
        try Data("original".utf8).write(to: URL(fileURLWithPath: outside + "/victim.png"))
        try FileManager.default.createDirectory(atPath: project.path("img"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: project.path("img/pictures"), withDestinationPath: outside)
        try project.write(Array("planted".utf8), to: ".stylecast/staging-1/backup/1")
        try project.write(Array(#"{"staging":"staging-1","files":[{"path":"img/pictures/victim.txt","existed":false},{"path":"img/pictures/victim.png","existed":true}],"createdFolders":[]}"#.utf8),
                          to: ".stylecast/journal.json")
        let before = try files(in: outside)
        XCTAssertThrowsError(try ProjectWriter(projectPath: project.root)) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains(".stylecast/journal.json") && text.contains(project.path("img/pictures")), text)
        }
        XCTAssertEqual(try files(in: outside), before)
    }

    func testAPlantedJournalCannotTakeItsBackupsFromOutside() throws {
        // The staging folder links out: rolling back would move an outside file into the project.
        try FileManager.default.createDirectory(atPath: outside + "/backup", withIntermediateDirectories: true)
        try Data("theirs".utf8).write(to: URL(fileURLWithPath: outside + "/backup/0"))
        try FileManager.default.createDirectory(atPath: project.path(".stylecast"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: project.path(".stylecast/staging-1"), withDestinationPath: outside)
        try project.write(Array(#"{"staging":"staging-1","files":[{"path":"data/Stolen.json","existed":true}],"createdFolders":[]}"#.utf8),
                          to: ".stylecast/journal.json")
        let before = try files(in: outside)
        XCTAssertThrowsError(try ProjectWriter(projectPath: project.root))
        XCTAssertEqual(try files(in: outside), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.path("data/Stolen.json")))
    }

    func testALockFileLinkedOutIsNotFollowed() throws {
        try FileManager.default.createDirectory(atPath: project.path(".stylecast"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: project.path(".stylecast/lock"), withDestinationPath: outside + "/keep.txt")
        let before = try files(in: outside)
        XCTAssertThrowsError(try ProjectWriter(projectPath: project.root)) { error in
            XCTAssertTrue(String(describing: error).contains(project.path(".stylecast/lock")), "\(error)")
        }
        XCTAssertEqual(try files(in: outside), before)
    }

    func testRecoveryRemovesTheTemporaryFilesOfKilledRuns() throws {
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run()
        dead.waitUntilExit() // its pid now names no process
        let litter = [".stylecast/.journal.json.stylecast-\(dead.processIdentifier)-1.tmp",
                      ".stylecast/cast-stages/abc/.face.png.stylecast-\(dead.processIdentifier)-2.tmp"]
        let live = ".stylecast/.journal.json.stylecast-\(getpid())-3.tmp" // a run still writing it
        for path in litter + [live, ".stylecast/cast-stages/abc/face.png"] { try project.write([1], to: path) }
        // A link inside .stylecast is not followed, whatever it holds.
        let outsideLitter = ".face.png.stylecast-\(dead.processIdentifier)-4.tmp"
        try Data([1]).write(to: URL(fileURLWithPath: outside + "/" + outsideLitter))
        try FileManager.default.createSymbolicLink(atPath: project.path(".stylecast/other"), withDestinationPath: outside)

        _ = try ProjectWriter(projectPath: project.root)
        for path in litter { XCTAssertFalse(FileManager.default.fileExists(atPath: project.path(path)), path) }
        for path in [live, ".stylecast/cast-stages/abc/face.png"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: project.path(path)), path)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: outside + "/" + outsideLitter))
    }
}

import CastPipeline
import Foundation
import StyleCastIO
import StyleGAN
import XCTest

/// Tiny random models of the shipped layouts (sprite RGBA 144x192 from a 12x9 start, face RGBA
/// 144x144 from 9x9, 10 w rows each), written once per test process with a presets index of the
/// shipped names.
enum TinyModels {
    static let spriteSpec = try! GeneratorSpec(className: GeneratorFamily.styleGAN2.rawValue, initKwargsJSON: """
        {"z_dim": 16, "c_dim": 0, "w_dim": 16, "img_resolution": 192, "init_res": [12, 9], "img_channels": 4,
         "mapping_kwargs": {"num_layers": 2}, "channel_base": 192, "channel_max": 16, "architecture": "skip"}
        """)
    static let faceSpec = try! GeneratorSpec(className: GeneratorFamily.styleGAN2.rawValue, initKwargsJSON: """
        {"z_dim": 16, "c_dim": 0, "w_dim": 16, "img_resolution": 144, "init_res": [9, 9], "img_channels": 4,
         "mapping_kwargs": {"num_layers": 2}, "channel_base": 144, "channel_max": 16, "architecture": "skip"}
        """)

    /// The folder, laid out like `models/`.
    static let folder: String = {
        let folder = NSTemporaryDirectory() + "stylecast-cast-models-\(getpid())"
        try! StandInModels.write(to: folder, sprite: spriteSpec, face: faceSpec, seed: 7)
        return folder
    }()
}

/// The repository's sample-project/.
let sampleProjectRoot: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("sample-project").path

/// A scratch copy of the sample project, in a folder of its own (so the preview beside it is
/// the test's too), with the sample cast at few projection steps.
struct ScratchProject {
    let folder: String
    let root: String

    /// `small`: a cast of three (`smallCast`) instead of the sample's eight, for tests of how
    /// runs follow each other, where the number of characters adds only time.
    init(small: Bool = false) throws {
        folder = NSTemporaryDirectory() + "stylecast-cast-\(getpid())-\(UUID().uuidString)"
        root = folder + "/Sample"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: sampleProjectRoot, toPath: root)
        try? FileManager.default.removeItem(atPath: root + "/.stylecast")
        if small {
            try Self.smallCast.write(toFile: manifest, atomically: true, encoding: .utf8)
        } else {
            try editManifest { $0.replacingOccurrences(of: "\"projectionSteps\": 60", with: "\"projectionSteps\": 2") }
        }
    }

    /// An existing actor and two new ones, with every kind of latent source.
    static let smallCast = """
        {
          "defaults": {"projectionSteps": 2},
          "characters": [
            {"name": "Aria", "actorId": 1, "seed": 1,
             "spriteMixes": [{"from": "preset:heroine", "rows": "0-3"}],
             "faceMixes": [{"from": "seed:5", "rows": [2, 3], "mode": {"weight": 0.5}}],
             "actor": {"nickname": "the Bright"}},
            {"name": "Newt", "seed": 2,
             "spriteMixes": [{"from": "image:reference/Dorn-walk.png", "rows": "0-9", "mode": {"weight": 0.5}}],
             "faces": ["neutral", "happy", "happy", "angry", "sad", "surprised", "eyes-closed",
                       {"expression": "determined", "rows": [1, 6], "mode": {"weight": 0.8}}],
             "actor": {"nickname": "Coins"}},
            {"name": "Pip", "seed": 12,
             "spriteMixes": [{"from": "latent:\(TinyModels.folder)/presets/sprite/child.npy", "rows": "0-2"}]}
          ]
        }
        """

    var manifest: String { root + "/cast.json" }
    var previewFolder: String { folder + "/Sample-preview" }

    func editManifest(_ edit: (String) -> String) throws {
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        let edited = edit(text)
        try edited.write(toFile: manifest, atomically: true, encoding: .utf8)
    }

    /// Turns the copy into an RPG Maker MZ 1.9 project with these face and tile sizes.
    func makeMZ(faceSize: Int, tileSize: Int) throws {
        try? FileManager.default.removeItem(atPath: root + "/Game.rpgproject")
        try Data("RPGMZ 1.9.0".utf8).write(to: URL(fileURLWithPath: root + "/game.rmmzproject"))
        let path = root + "/data/System.json"
        var system = try JSONDocument(contentsOfFile: path)
        var fields = try XCTUnwrap(system.root.objectValue, path)
        fields["faceSize"] = .number(faceSize)
        fields["tileSize"] = .number(tileSize)
        system.root = .object(fields)
        try system.write(to: path)
    }

    func options(jobs: Int = 1, force: Bool = true) -> CastOptions {
        var options = CastOptions(projectPath: root, shipped: ShippedModels(folder: TinyModels.folder))
        options.jobs = jobs
        // The sample's own walk sheets were not written by StyleCast: replacing them needs --force.
        options.force = force
        return options
    }

    @discardableResult
    func cast(_ options: CastOptions? = nil, cancellation: CancellationFlag = CancellationFlag(),
              events: @escaping @Sendable (CastEvent) -> Void = { _ in }) throws -> CastReport {
        try CastRun.run(options ?? self.options(), cancellation: cancellation, events: events)
    }

    /// Every file under the project (or `folder`), relative path -> bytes.
    func snapshot(of path: String? = nil) throws -> [String: [UInt8]] {
        let base = path ?? root
        var files: [String: [UInt8]] = [:]
        let enumerator = FileManager.default.enumerator(atPath: base)!
        while let relative = enumerator.nextObject() as? String {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: base + "/" + relative, isDirectory: &isFolder)
            if !isFolder.boolValue { files[relative] = [UInt8](FileManager.default.contents(atPath: base + "/" + relative)!) }
        }
        return files
    }

    /// Inode and modification time of every file under the scratch folder (project and
    /// preview), by path relative to it: writing a file again, even the same bytes, changes them.
    func stamps() throws -> [String: String] {
        var stamps: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)!
        while let relative = enumerator.nextObject() as? String {
            var info = stat()
            guard lstat(folder + "/" + relative, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            stamps[relative] = "inode \(info.st_ino), modified \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }
        return stamps
    }

    /// Puts `bytes` at `path` (relative to the scratch folder) as if StyleCast had written them
    /// there: each of `records` (files relative to the scratch folder) names their SHA-256 where
    /// it named the old bytes'.
    func substitute(_ bytes: [UInt8], at path: String, records: [String]) throws {
        let old = SHA256.hexDigest([UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path))))
        for record in records {
            let text = try String(contentsOfFile: folder + "/" + record, encoding: .utf8)
            XCTAssertEqual(text.components(separatedBy: old).count, 2, "\(record) must record these bytes once, for \(path)")
            try text.replacingOccurrences(of: old, with: SHA256.hexDigest(bytes)).write(toFile: folder + "/" + record, atomically: true, encoding: .utf8)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + path))
    }

    /// The game's files only (StyleCast's lock and state left out).
    func gameFiles() throws -> [String: [UInt8]] {
        try snapshot().filter { !$0.key.hasPrefix(".stylecast") }
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}

/// Safe to capture in an event handler: collects what it is given.
final class Collected<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Value] = []
    func append(_ item: Value) { lock.lock(); items.append(item); lock.unlock() }
    var all: [Value] { lock.lock(); defer { lock.unlock() }; return items }
}

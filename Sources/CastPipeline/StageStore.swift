import Foundation
import StyleCastIO
import StyleCastProject

/// The stage pictures of each character's art, kept in `.stylecast/cast-stages/<fingerprint>/`
/// so that a preview can show them for characters whose art was not remade. Folders are named by
/// the art's fingerprint, so a folder never holds stale pictures; they are written after the
/// project commit and are not part of the game. What it writes and deletes goes through
/// `RPGMakerProject.writablePath`, like every project write.
struct StageStore {
    static let folder = ".stylecast/cast-stages"
    let project: RPGMakerProject

    /// Fails, naming the link, when the store's folder goes through one: a run stops on that
    /// before it makes anything, rather than skip its stage pictures unannounced.
    init(project: RPGMakerProject) throws {
        _ = try project.writablePath(Self.folder)
        self.project = project
    }

    /// The stored stages of `fingerprint`, or nil unless every one is there and readable.
    func stages(of fingerprint: String) -> [RGBAImage]? {
        try? CharacterStage.allCases.map { try PNG.read(path: project.absolutePath(Self.folder + "/" + fingerprint + "/" + $0.fileName)) }
    }

    func store(_ stages: [RGBAImage], of fingerprint: String) throws {
        let directory = Self.folder + "/" + fingerprint
        try FileManager.default.createDirectory(atPath: project.writablePath(directory), withIntermediateDirectories: true)
        for (stage, image) in zip(CharacterStage.allCases, stages) {
            try AtomicFile.write(PNG.encode(image, compression: .fastest), to: project.writablePath(directory + "/" + stage.fileName),
                                 durability: .unsynced)
        }
    }

    /// Removes the folders of fingerprints no longer in use.
    func prune(keeping fingerprints: Set<String>) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: project.absolutePath(Self.folder))) ?? []
        for name in names where !fingerprints.contains(name) {
            guard let path = try? project.writablePath(Self.folder + "/" + name) else { continue }
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}

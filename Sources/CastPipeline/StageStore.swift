import Foundation
import StyleCastIO

/// The stage pictures of each character's art, kept in `.stylecast/cast-stages/<fingerprint>/`
/// so that a preview can show them for characters whose art was not remade. Folders are named by
/// the art's fingerprint, so a folder never holds stale pictures; they are written after the
/// project commit and are not part of the game.
struct StageStore {
    let folder: String

    init(stateFolder: String) {
        folder = stateFolder + "/cast-stages"
    }

    /// The stored stages of `fingerprint`, or nil unless every one is there and readable.
    func stages(of fingerprint: String) -> [RGBAImage]? {
        try? CharacterStage.allCases.map { try PNG.read(path: folder + "/" + fingerprint + "/" + $0.fileName) }
    }

    func store(_ stages: [RGBAImage], of fingerprint: String) throws {
        let directory = folder + "/" + fingerprint
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (stage, image) in zip(CharacterStage.allCases, stages) {
            try AtomicFile.write(PNG.encode(image, compression: .fastest), to: directory + "/" + stage.fileName, durability: .unsynced)
        }
    }

    /// Removes the folders of fingerprints no longer in use.
    func prune(keeping fingerprints: Set<String>) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where !fingerprints.contains(name) {
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }
}

import Foundation
import StyleCastIO
@testable import CastPreview

/// Opaque test art in which every cell of a sheet has its own colour and a one-pixel
/// checkerboard, so a wrong cell, a shifted window or smoothed scaling all show in the pixels.
enum TestArt {
    static func sheet(columns: Int, rows: Int, cellWidth: Int, cellHeight: Int, hue: UInt8) -> RGBAImage {
        var image = RGBAImage(width: columns * cellWidth, height: rows * cellHeight)
        for y in 0..<image.height {
            for x in 0..<image.width {
                let cell = (y / cellHeight) * columns + x / cellWidth
                let light: UInt8 = (x + y) % 2 == 0 ? 0 : 60
                image[x, y] = (UInt8(truncatingIfNeeded: 20 + cell * 19) &+ light, hue &+ light, UInt8(truncatingIfNeeded: 200 - cell * 7), 255)
            }
        }
        return image
    }

    static func walkSheet(hue: UInt8) -> RGBAImage { sheet(columns: 3, rows: 4, cellWidth: 48, cellHeight: 48, hue: hue) }
    static func faceSet(hue: UInt8) -> RGBAImage { sheet(columns: 4, rows: 2, cellWidth: 144, cellHeight: 144, hue: hue) }

    /// `image` scaled up `factor` times by pixel repetition: what pixel-crisp scaling shows.
    static func magnified(_ image: RGBAImage, by factor: Int) -> RGBAImage {
        var out = RGBAImage(width: image.width * factor, height: image.height * factor)
        for y in 0..<out.height {
            for x in 0..<out.width { out[x, y] = image[x / factor, y / factor] }
        }
        return out
    }
}

enum SamplePreview {
    static let trickyName = "<b>Ann & \"Bo\"</b>"
    static let faceLabels = ["Neutral", "Happy <3", "Worried", "Angry & loud", "Sad", "Surprised", "Eyes closed", "\"Determined\""]

    static func character(name: String, fileName: String, actorId: Int, hue: UInt8, stageCount: Int = 3) -> CastPreviewCharacter {
        let stageImages = [RGBAImage(width: 144, height: 192, pixels: [UInt8](repeating: 90, count: 144 * 192 * 4)),
                           TestArt.sheet(columns: 1, rows: 1, cellWidth: 40, cellHeight: 36, hue: hue),
                           TestArt.faceSet(hue: hue)]
        return CastPreviewCharacter(
            name: name, fileName: fileName, actorId: actorId, seed: 4_000_000_000 + UInt32(actorId), truncation: 0.7,
            spriteMixes: ["preset:heroine rows 0-3 replace"], faceMixes: [],
            actorFields: [("Nickname", "The <i>Brave</i>"), ("Profile", "Line one\nLine 'two' & more"), ("Note", "<Plugin: x></dd><script>alert(1)</script>")],
            walkSheet: TestArt.walkSheet(hue: hue), faceSet: TestArt.faceSet(hue: hue), faceLabels: faceLabels,
            stages: (0..<stageCount).map { CastPreviewStage(title: ["Raw sprite", "Head crop", "Final faces"][$0 % 3], image: stageImages[$0 % 3]) })
    }

    static func make(characterCount: Int = 2, stageCount: Int = 3) -> CastPreview {
        let names = [trickyName, "テレーゼ 🌸 O'Neil", "Cid"]
        return CastPreview(title: "Cast of <My & Game>", generatedBy: "stylecast test, cast.json",
                           characters: (0..<characterCount).map {
                               character(name: names[$0 % names.count], fileName: "Actor\($0 + 1)", actorId: $0 + 1,
                                         hue: UInt8(40 + 70 * $0), stageCount: stageCount)
                           })
    }
}

/// A scratch folder under the temporary directory, removed by `remove()`.
struct ScratchFolder {
    let path: String

    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("cast-preview-\(UUID().uuidString)").path
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Every file under the folder (relative path -> bytes).
    func files() throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return files }
        while let relative = enumerator.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path + "/" + relative, isDirectory: &isFolder), !isFolder.boolValue {
                files[relative] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path + "/" + relative)))
            }
        }
        return files
    }
}

/// The values of every `src="..."` attribute in `html`, in order.
func imageSources(in html: String) -> [String] {
    html.components(separatedBy: "src=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
}

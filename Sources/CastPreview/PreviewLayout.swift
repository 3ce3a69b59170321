import RPGMakerFormat
import StyleCastIO

/// An image the preview writes under `images/`, with its file name there.
struct PreviewImageFile {
    let name: String
    let image: RGBAImage

    var relativePath: String { CastPreviewWriter.imagesFolder + "/" + name }
}

/// One character's images, checked and named.
struct CharacterImages {
    let walk: PreviewImageFile
    let walkGrid: SheetGrid
    let faces: PreviewImageFile
    let faceGrid: SheetGrid
    let stages: [PreviewImageFile]
}

/// Checks every character's art against MV's sheet layouts and names the image files. Names
/// come from the character's position only (images/03-walk.png), never from user text, so any
/// display name is safe and the same cast always gives the same names.
enum PreviewLayout {
    static let walkColumns = RPGMakerLayout.walkPatterns, walkRows = RPGMakerLayout.walkDirections.count
    static let faceColumns = RPGMakerLayout.faceColumns, faceRows = RPGMakerLayout.faceRows

    static func images(for preview: CastPreview) throws -> [CharacterImages] {
        let digits = max(2, String(preview.characters.count).count)
        return try preview.characters.enumerated().map { index, character in
            let number = zeroPadded(index + 1, digits: digits)
            let subject = "character \(index + 1) (\(character.name))"
            let walkGrid = try SheetGrid(of: character.walkSheet, columns: walkColumns, rows: walkRows,
                                         subject: subject + " walkSheet")
            let faceGrid = try SheetGrid(of: character.faceSet, columns: faceColumns, rows: faceRows,
                                         subject: subject + " faceSet")
            let faceCount = faceColumns * faceRows
            guard character.faceLabels.count == faceCount else {
                throw CastPreviewError(subject: subject + " faceLabels",
                                       reason: "has \(character.faceLabels.count) labels; give exactly \(faceCount), one per face in faceIndex order")
            }
            let stageDigits = max(2, String(character.stages.count).count)
            let stages = try character.stages.enumerated().map { stageIndex, stage in
                guard stage.image.width > 0, stage.image.height > 0 else {
                    throw CastPreviewError(subject: subject + " stage \(stageIndex + 1) (\(stage.title))",
                                           reason: "the image is empty (\(stage.image.width)x\(stage.image.height))")
                }
                return PreviewImageFile(name: "\(number)-stage-\(zeroPadded(stageIndex + 1, digits: stageDigits)).png",
                                        image: stage.image)
            }
            return CharacterImages(walk: PreviewImageFile(name: "\(number)-walk.png", image: character.walkSheet),
                                   walkGrid: walkGrid,
                                   faces: PreviewImageFile(name: "\(number)-faces.png", image: character.faceSet),
                                   faceGrid: faceGrid,
                                   stages: stages)
        }
    }

    private static func zeroPadded(_ value: Int, digits: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}

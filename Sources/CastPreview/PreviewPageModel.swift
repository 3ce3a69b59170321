/// What `templates/preview/index.html.mustache` (and its `style.css` partial) is filled in
/// from: plain data, every value ready to print and escaped by the template, every repeated part
/// a list. Sizes and positions are worked out here, because a template cannot do arithmetic;
/// the words and markup are the template's.
struct PreviewPageModel {
    /// Walk frames are magnified so 48-pixel sprites read as pixel art; the whole sheet less so.
    static let walkFrameScale = 3
    static let walkSheetScale = 2
    static let faceScale = 1
    /// Stage images no larger than this on either side are shown at twice their size.
    static let smallStageLimit = 256

    let title: String
    let generatedBy: String
    let characters: [Character]
    let walk: Walk

    /// How the walk animation relates to the game (`MVWalkCycle`), for the page's note and the
    /// style sheet's keyframes.
    struct Walk {
        /// Sheet columns in the order shown, "1, 2, 1, 0".
        let columns: String
        let moveSpeed: Int
        let framesPerPattern: Int
        let framesPerSecond: Int
        let framesPerCycle: Int
        /// How much bigger than the game the frames are shown.
        let scale: Int
        /// The window's left edge at the standing pose, in percent of a frame.
        let startLeft: Int
        let keyframes: [Keyframe]
    }

    /// Each pattern holds (step-end) for an equal share of the cycle; left -100% shows column 1.
    struct Keyframe {
        let percent: Int
        let left: Int
    }

    struct Character {
        /// The section's id, "character-1".
        let anchor: String
        let name: String
        let fileName: String
        let actorId: Int
        let seed: UInt32
        let truncation: String
        let spriteMixes: [String]
        let faceMixes: [String]
        let actorFields: [Field]
        /// One window per direction (down, left, right, up) over the magnified sheet.
        let walkFrames: [WalkFrame]
        let walkSheet: Image
        let faces: [Face]
        let stages: [Stage]
    }

    struct Field {
        let label: String
        let value: String
    }

    /// An image file and the size it is shown at.
    struct Image {
        let src: String
        let width: Int
        let height: Int
        /// Its size in pixels, as a caption gives it.
        let pixelWidth: Int
        let pixelHeight: Int
    }

    /// A window one frame in size over the magnified sheet, which the `mv-walk` animation slides
    /// from column to column; the row is fixed by direction (`top`, percent of a frame).
    struct WalkFrame {
        let direction: String
        /// "Down".
        let caption: String
        let width: Int
        let height: Int
        let image: Image
        let top: Int
    }

    /// A window one face in size over the face set; `left` and `top` in percent of a face.
    struct Face {
        let index: Int
        let label: String
        let width: Int
        let height: Int
        let image: Image
        let left: Int
        let top: Int
    }

    struct Stage {
        let title: String
        let image: Image
    }
}

extension PreviewPageModel {
    init(_ preview: CastPreview, images: [CharacterImages]) {
        title = preview.title
        generatedBy = preview.generatedBy
        characters = zip(preview.characters, images).enumerated().map { index, pair in
            Self.character(pair.0, images: pair.1, anchor: "character-\(index + 1)")
        }
        let order = MVWalkCycle.patternOrder
        walk = Walk(columns: order.map(String.init).joined(separator: ", "), moveSpeed: MVWalkCycle.moveSpeed,
                    framesPerPattern: MVWalkCycle.framesPerPattern, framesPerSecond: MVWalkCycle.framesPerSecond,
                    framesPerCycle: MVWalkCycle.framesPerCycle, scale: Self.walkFrameScale, startLeft: -100 * order[0],
                    keyframes: order.enumerated().map { Keyframe(percent: $0 * 100 / order.count, left: -100 * $1) }
                        + [Keyframe(percent: 100, left: -100 * order[0])])
    }

    private static func character(_ character: CastPreviewCharacter, images: CharacterImages, anchor: String) -> Character {
        let walkGrid = images.walkGrid, faceGrid = images.faceGrid
        let walkFrames = MVWalkCycle.directions.enumerated().map { row, direction in
            WalkFrame(direction: direction, caption: direction.prefix(1).uppercased() + direction.dropFirst(),
                      width: walkGrid.cellWidth * walkFrameScale, height: walkGrid.cellHeight * walkFrameScale,
                      image: image(images.walk, scale: walkFrameScale), top: -100 * row)
        }
        let faces = character.faceLabels.enumerated().map { index, label in
            Face(index: index, label: label, width: faceGrid.cellWidth * faceScale, height: faceGrid.cellHeight * faceScale,
                 image: image(images.faces, scale: faceScale),
                 left: -100 * (index % faceGrid.columns), top: -100 * (index / faceGrid.columns))
        }
        let stages = zip(character.stages, images.stages).map { stage, file in
            Stage(title: stage.title, image: image(file, scale: max(file.image.width, file.image.height) <= smallStageLimit ? 2 : 1))
        }
        return Character(anchor: anchor, name: character.name, fileName: character.fileName, actorId: character.actorId,
                         seed: character.seed, truncation: String(character.truncation),
                         spriteMixes: character.spriteMixes, faceMixes: character.faceMixes,
                         actorFields: character.actorFields.map { Field(label: $0.label, value: $0.value) },
                         walkFrames: walkFrames, walkSheet: image(images.walk, scale: walkSheetScale), faces: faces, stages: stages)
    }

    private static func image(_ file: PreviewImageFile, scale: Int) -> Image {
        Image(src: file.relativePath, width: file.image.width * scale, height: file.image.height * scale,
              pixelWidth: file.image.width, pixelHeight: file.image.height)
    }
}

import StyleCastIO

/// The four directions a walking character faces, in the order of a sheet's rows.
public enum Direction: Int, CaseIterable, Sendable {
    case down, left, right, up
}

/// RPG Maker MV/MZ character sheets. A character block is 3 walk patterns across (pattern 1
/// is the standing frame) by 4 directions down, each frame 48x48.
public enum CharacterSheetLayout {
    public static let frameSize = 48
    public static let patterns = 3
    /// One character's block: 144x192, also the whole of a single-character (`$`) sheet.
    public static let blockWidth = frameSize * patterns
    public static let blockHeight = frameSize * Direction.allCases.count
    /// A packed sheet holds 8 blocks, 4 across and 2 down: 576x384.
    public static let packedColumns = 4
    public static let packedRows = 2
    public static let packedCharacters = packedColumns * packedRows
    public static let packedWidth = blockWidth * packedColumns
    public static let packedHeight = blockHeight * packedRows

    /// Top-left corner of one frame inside a character block.
    public static func frameOrigin(direction: Direction, pattern: Int) -> (x: Int, y: Int) {
        precondition((0..<patterns).contains(pattern), "walk pattern must be 0, 1 or 2")
        return (pattern * frameSize, direction.rawValue * frameSize)
    }

    /// Top-left corner of character block `characterIndex` (0...3 top row, 4...7 bottom row)
    /// in a packed sheet.
    public static func blockOrigin(characterIndex: Int) -> (x: Int, y: Int) {
        precondition((0..<packedCharacters).contains(characterIndex), "character index must be 0...7")
        return (characterIndex % packedColumns * blockWidth, characterIndex / packedColumns * blockHeight)
    }

    /// `sheet` (a packed sheet, or nil for a new transparent one) with `block` placed at
    /// `characterIndex`; the other seven blocks are kept as they are.
    public static func packedSheet(placing block: RGBAImage, at characterIndex: Int, into sheet: RGBAImage?) -> RGBAImage {
        precondition(block.width == blockWidth && block.height == blockHeight, "character block must be 144x192")
        var packed = sheet ?? RGBAImage(width: packedWidth, height: packedHeight)
        precondition(packed.width == packedWidth && packed.height == packedHeight, "packed sheet must be 576x384")
        let origin = blockOrigin(characterIndex: characterIndex)
        packed.paste(block, x: origin.x, y: origin.y)
        return packed
    }
}

/// RPG Maker MV/MZ face sets: 8 faces of 144x144, 4 across and 2 down (576x288); `faceIndex`
/// counts left to right, top to bottom.
public enum FaceSetLayout {
    public static let faceSize = 144
    public static let columns = 4
    public static let rows = 2
    public static let faces = columns * rows
    public static let width = faceSize * columns
    public static let height = faceSize * rows

    public static func faceOrigin(faceIndex: Int) -> (x: Int, y: Int) {
        precondition((0..<faces).contains(faceIndex), "face index must be 0...7")
        return (faceIndex % columns * faceSize, faceIndex / columns * faceSize)
    }

    /// The face set image holding `faces` (exactly 8 images of 144x144) in index order.
    public static func faceSet(_ faces: [RGBAImage]) -> RGBAImage {
        precondition(faces.count == self.faces, "a face set holds exactly 8 faces")
        var sheet = RGBAImage(width: width, height: height)
        for (index, face) in faces.enumerated() {
            precondition(face.width == faceSize && face.height == faceSize, "faces must be 144x144")
            let origin = faceOrigin(faceIndex: index)
            sheet.paste(face, x: origin.x, y: origin.y)
        }
        return sheet
    }

    /// The 8 faces of a face set image, in index order.
    public static func faces(of sheet: RGBAImage) -> [RGBAImage] {
        precondition(sheet.width == width && sheet.height == height, "face set must be 576x288")
        return (0..<faces).map { index in
            let origin = faceOrigin(faceIndex: index)
            return sheet.cropped(x: origin.x, y: origin.y, width: faceSize, height: faceSize)
        }
    }
}

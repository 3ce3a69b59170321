import RPGMakerFormat
import StyleCastIO

/// RPG Maker MV/MZ character sheets in `RPGMakerLayout`'s grid (walk patterns across, one row
/// per `Facing`) of square frames: 48x48 in MV, and in MZ the size of whatever is drawn (MZ
/// cuts a sheet into frames by its image size alone).
public struct CharacterSheetLayout: Equatable, Sendable {
    /// MV's only frame size, MZ's default, and what StyleCast's sprite model draws.
    public static let standard = CharacterSheetLayout(frameSize: RPGMakerLayout.frameSize)
    public static let patterns = RPGMakerLayout.walkPatterns
    public static let packedColumns = RPGMakerLayout.packedColumns
    public static let packedRows = RPGMakerLayout.packedRows
    public static let packedCharacters = packedColumns * packedRows

    public let frameSize: Int

    public init(frameSize: Int) {
        precondition(frameSize > 0, "frame size must be positive")
        self.frameSize = frameSize
    }

    /// One character's block (144x192 at 48-pixel frames), also the whole of a
    /// single-character (`$`) sheet.
    public var blockWidth: Int { frameSize * Self.patterns }
    public var blockHeight: Int { frameSize * RPGMakerLayout.walkDirections.count }
    /// A packed sheet: 576x384 at 48-pixel frames.
    public var packedWidth: Int { blockWidth * Self.packedColumns }
    public var packedHeight: Int { blockHeight * Self.packedRows }

    /// Top-left corner of one frame inside a character block.
    public func frameOrigin(direction: Facing, pattern: Int) -> (x: Int, y: Int) {
        precondition((0..<Self.patterns).contains(pattern), "walk pattern must be 0...\(Self.patterns - 1)")
        return (pattern * frameSize, direction.rawValue * frameSize)
    }

    /// Top-left corner of character block `characterIndex` (0...3 top row, 4...7 bottom row)
    /// in a packed sheet.
    public func blockOrigin(characterIndex: Int) -> (x: Int, y: Int) {
        precondition((0..<Self.packedCharacters).contains(characterIndex), "character index must be 0...7")
        return (characterIndex % Self.packedColumns * blockWidth, characterIndex / Self.packedColumns * blockHeight)
    }

    /// `sheet` (a packed sheet, or nil for a new transparent one) with `block` placed at
    /// `characterIndex`; the other seven blocks are kept as they are.
    public func packedSheet(placing block: RGBAImage, at characterIndex: Int, into sheet: RGBAImage?) -> RGBAImage {
        precondition(block.width == blockWidth && block.height == blockHeight, "character block must be \(blockWidth)x\(blockHeight)")
        var packed = sheet ?? RGBAImage(width: packedWidth, height: packedHeight)
        precondition(packed.width == packedWidth && packed.height == packedHeight, "packed sheet must be \(packedWidth)x\(packedHeight)")
        let origin = blockOrigin(characterIndex: characterIndex)
        packed.paste(block, x: origin.x, y: origin.y)
        return packed
    }

    /// `block`, a character block of `layout`, with its frames at this layout's size. Each frame
    /// is scaled on its own (Lanczos), so no frame bleeds into its neighbours, and alpha is made
    /// crisp again (opaque from half up), as the cleaned sprites it comes from are.
    public func block(_ block: RGBAImage, from layout: CharacterSheetLayout) -> RGBAImage {
        precondition(block.width == layout.blockWidth && block.height == layout.blockHeight, "character block must be \(layout.blockWidth)x\(layout.blockHeight)")
        guard layout != self else { return block }
        var scaled = RGBAImage(width: blockWidth, height: blockHeight)
        for direction in RPGMakerLayout.walkDirections {
            for pattern in 0..<Self.patterns {
                let from = layout.frameOrigin(direction: direction, pattern: pattern)
                var frame = LanczosResampler.scaled(block.cropped(x: from.x, y: from.y, width: layout.frameSize, height: layout.frameSize),
                                                    width: frameSize, height: frameSize)
                for p in 0..<(frameSize * frameSize) {
                    if frame.pixels[p * 4 + 3] >= 128 {
                        frame.pixels[p * 4 + 3] = 255
                    } else {
                        frame.pixels.replaceSubrange(p * 4 ..< p * 4 + 4, with: [0, 0, 0, 0])
                    }
                }
                let to = frameOrigin(direction: direction, pattern: pattern)
                scaled.paste(frame, x: to.x, y: to.y)
            }
        }
        return scaled
    }
}

/// RPG Maker MV/MZ face sets in `RPGMakerLayout`'s face grid; `faceIndex` counts left to
/// right, top to bottom. MV's faces are 144x144; MZ 1.9 cuts faces of `faceSize` from the set.
public struct FaceSetLayout: Equatable, Sendable {
    /// MV's only face size, MZ's default, and what StyleCast's face model draws.
    public static let standard = FaceSetLayout(faceSize: RPGMakerLayout.faceSize)
    public static let columns = RPGMakerLayout.faceColumns
    public static let rows = RPGMakerLayout.faceRows
    public static let faces = columns * rows

    public let faceSize: Int

    public init(faceSize: Int) {
        precondition(faceSize > 0, "face size must be positive")
        self.faceSize = faceSize
    }

    /// 576x288 at 144-pixel faces.
    public var width: Int { faceSize * Self.columns }
    public var height: Int { faceSize * Self.rows }

    public func faceOrigin(faceIndex: Int) -> (x: Int, y: Int) {
        precondition((0..<Self.faces).contains(faceIndex), "face index must be 0...7")
        return (faceIndex % Self.columns * faceSize, faceIndex / Self.columns * faceSize)
    }

    /// The face set image holding `faces` (exactly 8 images of this layout's face size) in
    /// index order.
    public func faceSet(_ faces: [RGBAImage]) -> RGBAImage {
        precondition(faces.count == Self.faces, "a face set holds exactly 8 faces")
        var sheet = RGBAImage(width: width, height: height)
        for (index, face) in faces.enumerated() {
            precondition(face.width == faceSize && face.height == faceSize, "faces must be \(faceSize)x\(faceSize)")
            let origin = faceOrigin(faceIndex: index)
            sheet.paste(face, x: origin.x, y: origin.y)
        }
        return sheet
    }

    /// The 8 faces of a face set image, in index order.
    public func faces(of sheet: RGBAImage) -> [RGBAImage] {
        precondition(sheet.width == width && sheet.height == height, "face set must be \(width)x\(height)")
        return (0..<Self.faces).map { index in
            let origin = faceOrigin(faceIndex: index)
            return sheet.cropped(x: origin.x, y: origin.y, width: faceSize, height: faceSize)
        }
    }

    /// `face` (a face of any size) at this layout's face size, scaled with Lanczos; portraits
    /// are anti-aliased, so their soft alpha is kept.
    public func face(_ face: RGBAImage) -> RGBAImage {
        if face.width == faceSize && face.height == faceSize { return face }
        return LanczosResampler.scaled(face, width: faceSize, height: faceSize)
    }
}

/// Which way a walking character faces, in the row order of an RPG Maker MV/MZ walk sheet.
public enum Facing: Int, CaseIterable, Sendable {
    case down, left, right, up
}

/// RPG Maker MV's character art layout, which MZ kept: the one place the renderer, the
/// exporters, the model checks and the preview learn frame and face sizes and grids from.
/// MZ may show art at other sizes (`ArtLayouts` in StyleCastProject reads them from the
/// project); these are MV's, MZ's defaults, and what StyleCast's models draw.
public enum RPGMakerLayout {
    /// Walk frames are square, 48x48.
    public static let frameSize = 48
    /// Walk patterns across a character block; pattern 1 is the standing frame, and the engine
    /// plays 0, 1, 2, 1 while walking.
    public static let walkPatterns = 3
    public static let standingPattern = 1
    /// One row per direction, in `Facing` order.
    public static let walkDirections = Facing.allCases
    /// One character's walk block (144x192), also the whole of a single-character (`$`) sheet.
    public static let walkSheetWidth = frameSize * walkPatterns
    public static let walkSheetHeight = frameSize * walkDirections.count
    /// A packed sheet holds 8 character blocks, 4 across and 2 down.
    public static let packedColumns = 4
    public static let packedRows = 2
    /// Faces are square, 144x144.
    public static let faceSize = 144
    /// A face set holds 8 faces, 4 across and 2 down, counted left to right, top to bottom.
    public static let faceColumns = 4
    public static let faceRows = 2
    public static let faceSetWidth = faceSize * faceColumns
    public static let faceSetHeight = faceSize * faceRows
    /// Marks a sheet that holds one character's block alone: `$Name.png`.
    public static let singleSheetPrefix = "$"
}

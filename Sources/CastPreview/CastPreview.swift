import StyleCastIO

/// Everything the preview page shows about one generated cast. The pipeline fills it in;
/// `CastPreviewWriter` turns it into a folder a person opens in a browser.
public struct CastPreview: Sendable {
    /// Page heading, e.g. "Cast of <project name>".
    public var title: String
    /// Where the cast came from, e.g. "stylecast 0.x, cast.json".
    public var generatedBy: String
    public var characters: [CastPreviewCharacter]

    public init(title: String, generatedBy: String, characters: [CastPreviewCharacter]) {
        self.title = title
        self.generatedBy = generatedBy
        self.characters = characters
    }
}

/// One character of the cast: how it was made and the art it ended up with.
public struct CastPreviewCharacter: Sendable {
    /// Display name; any Unicode (it is escaped on the page).
    public var name: String
    /// The project's file stem, e.g. "Aria".
    public var fileName: String
    public var actorId: Int
    public var seed: UInt32
    /// Truncation psi.
    public var truncation: Float
    /// Human-readable mix lines, e.g. "preset:heroine rows 0-3 replace".
    public var spriteMixes: [String]
    public var faceMixes: [String]
    /// Actor fields in display order: nickname, profile, class, levels, note...
    public var actorFields: [(label: String, value: String)]
    /// The final walk sheet: 3 patterns across, 4 directions down (down, left, right, up).
    public var walkSheet: RGBAImage
    /// The final face set: 4 faces across, 2 down.
    public var faceSet: RGBAImage
    /// One label per face of `faceSet`, in RPG Maker's faceIndex order (left to right, top to bottom).
    public var faceLabels: [String]
    /// Pipeline stages in order (raw sprite, mixed, cleaned, head crop, projected face, final faces).
    public var stages: [CastPreviewStage]

    public init(name: String, fileName: String, actorId: Int, seed: UInt32, truncation: Float,
                spriteMixes: [String], faceMixes: [String], actorFields: [(label: String, value: String)],
                walkSheet: RGBAImage, faceSet: RGBAImage, faceLabels: [String], stages: [CastPreviewStage]) {
        self.name = name
        self.fileName = fileName
        self.actorId = actorId
        self.seed = seed
        self.truncation = truncation
        self.spriteMixes = spriteMixes
        self.faceMixes = faceMixes
        self.actorFields = actorFields
        self.walkSheet = walkSheet
        self.faceSet = faceSet
        self.faceLabels = faceLabels
        self.stages = stages
    }
}

/// One intermediate image of the pipeline, shown in order under its title.
public struct CastPreviewStage: Sendable {
    public var title: String
    public var image: RGBAImage

    public init(title: String, image: RGBAImage) {
        self.title = title
        self.image = image
    }
}

import StyleCastIO

/// The sizes a project's engine shows character art at. They are the one way the engines
/// differ in what StyleCast writes, so they live here, on the project, and the exporters follow
/// them without asking which engine it is.
public struct ArtLayouts: Equatable, Sendable {
    public var sheet: CharacterSheetLayout
    public var faces: FaceSetLayout

    /// RPG Maker MV's fixed sizes (144-pixel faces, 48-pixel frames), which are also the sizes
    /// StyleCast's models draw.
    public static let standard = ArtLayouts(sheet: .standard, faces: .standard)

    public static let systemPath = "data/System.json"
    /// The largest face or tile size StyleCast scales its art to.
    public static let largestSize = 1024

    public init(sheet: CharacterSheetLayout, faces: FaceSetLayout) {
        self.sheet = sheet
        self.faces = faces
    }

    /// The sizes of an RPG Maker MZ project, from its System.json at `path`:
    /// - faces of `faceSize`: MZ 1.9 cuts faces of that size from a face set
    ///   (`ImageManager.faceWidth`/`faceHeight`), so 144-pixel faces in a project of 96 would
    ///   show only their top-left 96x96;
    /// - walk frames of `tileSize`: MZ cuts a sheet into frames by its image size alone, so
    ///   48-pixel frames on 32-pixel tiles would stand half as tall again as a tile.
    /// A missing field means MZ's size before 1.9 made it a setting (144 faces, 48 tiles).
    init(mzSystemFile path: String) throws {
        guard FileSystem.exists(path) else {
            throw ProjectError(subject: path, reason: "is missing; open the project in RPG Maker MZ and save it to create it")
        }
        let system = JSONField(try LocatedJSON(contentsOfFile: path))
        try system.check(system.value.objectValue != nil, "must be an object (the project's system settings)")
        func size(_ key: String, standard: Int, what: String) throws -> Int {
            guard let value = system.value[key] else { return standard }
            guard let size = value.intValue, (1...Self.largestSize).contains(size) else {
                throw system[key].error("is \(value); it must be a whole number of pixels from 1 to \(Self.largestSize) (\(what); MZ's default is \(standard)); correct it in RPG Maker MZ's database and save the project")
            }
            return size
        }
        let standard = Self.standard
        sheet = CharacterSheetLayout(frameSize: try size("tileSize", standard: standard.sheet.frameSize,
                                                         what: "the map's tile size, which StyleCast draws character frames at"))
        faces = FaceSetLayout(faceSize: try size("faceSize", standard: standard.faces.faceSize, what: "the face size"))
    }
}

import StyleCastIO

/// Contact sheets for reviewing many characters: their walk sheets, and one portrait each.
public enum CharacterPreview {
    public static func contactSheets(seeds: [UInt64], columns: Int = 8) -> (sheets: RGBAImage, faces: RGBAImage) {
        let characters = seeds.map(sampleAttributes(seed:))
        let sheets = ContactSheet.tile(characters.map(WalkSheet.render), columns: columns)
        let faces = ContactSheet.tile(characters.map(FacePortrait.render), columns: columns)
        return (sheets, faces)
    }
}

/// A lit and a shaded colour: the two tones of cel shading.
public struct Tone: Hashable, Sendable {
    public var light: RGB
    public var shade: RGB

    /// The shade is darker and shifted towards violet, as painters shade, so that it stays
    /// a colour rather than grey; dark colours are shaded less so they keep apart from the outline.
    init(light: RGB) {
        self.light = light
        let brightness = (Int(light.r) + Int(light.g) + Int(light.b)) / 3
        shade = brightness < 80 ? light.scaled(0.74, 0.72, 0.80) : light.scaled(0.76, 0.70, 0.84)
    }

    /// The same part in shadow (a far arm or leg): shade only, still palette colours.
    var shadowed: Tone { Tone(light: shade, shade: shade) }

    private init(light: RGB, shade: RGB) {
        self.light = light
        self.shade = shade
    }
}

/// Every colour a character is drawn in. Sprites use exactly these colours; portraits use them
/// plus the anti-aliased blends between them.
public struct CharacterPalette: Hashable, Sendable {
    /// The dark line around the silhouette and between parts.
    public let outline = RGB(hex: 0x2A1E2C)
    public let eyeWhite = RGB(hex: 0xFFFFFF)
    public let mouth = RGB(hex: 0x9A3040)
    public let blush = RGB(hex: 0xF07890)
    public let metal = Tone(light: RGB(hex: 0xC4CAD8))
    public let leather = Tone(light: RGB(hex: 0x6A4428))
    public let skin: Tone
    public let hair: Tone
    public let iris: Tone
    public let main: Tone
    public let trim: Tone

    public init(_ colours: ColourAttributes) {
        skin = Tone(light: colours.skin.rgb)
        hair = Tone(light: colours.hair.rgb)
        iris = Tone(light: colours.eyes.rgb)
        main = Tone(light: colours.outfitMain.rgb)
        trim = Tone(light: colours.outfitTrim.rgb)
    }

    /// All colours, without repeats.
    public var colours: Set<RGB> {
        var set: Set<RGB> = [outline, eyeWhite, mouth, blush]
        for tone in [metal, leather, skin, hair, iris, main, trim] {
            set.insert(tone.light)
            set.insert(tone.shade)
        }
        return set
    }
}

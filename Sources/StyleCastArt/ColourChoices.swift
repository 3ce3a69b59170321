// The named colours a character is drawn from. Each is the lit tone; the shaded tone of the
// two-tone cel shading is derived in `CharacterPalette`.

public enum SkinTone: String, CaseIterable, Sendable {
    case porcelain, fair, peach, olive, tan, brown, deep

    public var rgb: RGB {
        switch self {
        case .porcelain: return RGB(hex: 0xFCE8DC)
        case .fair: return RGB(hex: 0xF9D9C2)
        case .peach: return RGB(hex: 0xF2C39F)
        case .olive: return RGB(hex: 0xDDAE84)
        case .tan: return RGB(hex: 0xC88F63)
        case .brown: return RGB(hex: 0x9E6843)
        case .deep: return RGB(hex: 0x744A30)
        }
    }
}

/// Natural tones and the bright anime range.
public enum HairColour: String, CaseIterable, Sendable {
    case black, darkBrown, brown, auburn, blonde, platinum, silver, red, orange, pink
    case magenta, purple, blue, navy, teal, green, mint

    public var rgb: RGB {
        switch self {
        case .black: return RGB(hex: 0x3A3848)
        case .darkBrown: return RGB(hex: 0x5A3A2A)
        case .brown: return RGB(hex: 0x8A5A36)
        case .auburn: return RGB(hex: 0xA4432C)
        case .blonde: return RGB(hex: 0xF0CC6A)
        case .platinum: return RGB(hex: 0xF2EBC8)
        case .silver: return RGB(hex: 0xC9CCDA)
        case .red: return RGB(hex: 0xD83A3A)
        case .orange: return RGB(hex: 0xF08A30)
        case .pink: return RGB(hex: 0xF59CC0)
        case .magenta: return RGB(hex: 0xC8409A)
        case .purple: return RGB(hex: 0x8A5AD0)
        case .blue: return RGB(hex: 0x4A78E0)
        case .navy: return RGB(hex: 0x34428A)
        case .teal: return RGB(hex: 0x2A9A9A)
        case .green: return RGB(hex: 0x4EA04A)
        case .mint: return RGB(hex: 0x8EE0C0)
        }
    }
}

public enum EyeColour: String, CaseIterable, Sendable {
    case brown, amber, gold, green, emerald, teal, blue, sky, violet, red, pink, grey

    public var rgb: RGB {
        switch self {
        case .brown: return RGB(hex: 0x8A5430)
        case .amber: return RGB(hex: 0xD08A20)
        case .gold: return RGB(hex: 0xE8C030)
        case .green: return RGB(hex: 0x5AA040)
        case .emerald: return RGB(hex: 0x20A070)
        case .teal: return RGB(hex: 0x2A9AAA)
        case .blue: return RGB(hex: 0x3A6AD8)
        case .sky: return RGB(hex: 0x60B0F0)
        case .violet: return RGB(hex: 0x8A50D0)
        case .red: return RGB(hex: 0xD03040)
        case .pink: return RGB(hex: 0xE070A8)
        case .grey: return RGB(hex: 0x8890A0)
        }
    }
}

public enum ClothColour: String, CaseIterable, Sendable {
    case crimson, red, orange, gold, cream, olive, green, forest, teal, sky, blue, navy
    case purple, plum, pink, brown, grey, charcoal, white

    public var rgb: RGB {
        switch self {
        case .crimson: return RGB(hex: 0x9A2030)
        case .red: return RGB(hex: 0xD04038)
        case .orange: return RGB(hex: 0xE07A30)
        case .gold: return RGB(hex: 0xE0B040)
        case .cream: return RGB(hex: 0xEEE0C0)
        case .olive: return RGB(hex: 0x7A8038)
        case .green: return RGB(hex: 0x50A050)
        case .forest: return RGB(hex: 0x2E6A3E)
        case .teal: return RGB(hex: 0x2A8A8A)
        case .sky: return RGB(hex: 0x70B0E0)
        case .blue: return RGB(hex: 0x3A60C0)
        case .navy: return RGB(hex: 0x2A3470)
        case .purple: return RGB(hex: 0x7040A8)
        case .plum: return RGB(hex: 0x6A2A5A)
        case .pink: return RGB(hex: 0xE890B0)
        case .brown: return RGB(hex: 0x7A5030)
        case .grey: return RGB(hex: 0x8A8C98)
        case .charcoal: return RGB(hex: 0x40404C)
        case .white: return RGB(hex: 0xF4F2EE)
        }
    }
}

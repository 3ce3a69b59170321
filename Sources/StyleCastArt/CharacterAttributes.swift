import StyleCastIO

/// Everything that describes one procedural character. It splits the way a StyleGAN w splits:
/// `shape` (coarse rows: body, pose, silhouette), `expression` (middle rows) and `colours`
/// (fine rows), each sampled from its own stream of a seed, so a style mix such as
/// "shape of seed A, colours of seed B" is simply `CharacterAttributes(shape: a.shape, ...)`.
public struct CharacterAttributes: Hashable, Sendable {
    public var shape: ShapeAttributes
    public var expression: ExpressionAttributes
    public var colours: ColourAttributes

    public init(shape: ShapeAttributes, expression: ExpressionAttributes, colours: ColourAttributes) {
        self.shape = shape
        self.expression = expression
        self.colours = colours
    }
}

/// The silhouette: what the body, hair and clothes are, not what colour they are.
public struct ShapeAttributes: Hashable, Sendable {
    public var age: BodyAge
    public var build: BodyBuild
    public var hairStyle: HairStyle
    public var outfit: Outfit
    public var accessories: Accessories

    public init(age: BodyAge, build: BodyBuild, hairStyle: HairStyle, outfit: Outfit, accessories: Accessories) {
        self.age = age
        self.build = build
        self.hairStyle = hairStyle
        self.outfit = outfit
        self.accessories = accessories
    }
}

/// What the face does. Only portraits show it; walk sheets do not depend on it.
public struct ExpressionAttributes: Hashable, Sendable {
    public var expression: Expression
    public var headTurn: HeadTurn

    public init(expression: Expression, headTurn: HeadTurn) {
        self.expression = expression
        self.headTurn = headTurn
    }
}

/// Every colour choice; the full palette is derived from these (see `CharacterPalette`).
public struct ColourAttributes: Hashable, Sendable {
    public var skin: SkinTone
    public var hair: HairColour
    public var eyes: EyeColour
    public var outfitMain: ClothColour
    public var outfitTrim: ClothColour

    public init(skin: SkinTone, hair: HairColour, eyes: EyeColour, outfitMain: ClothColour, outfitTrim: ClothColour) {
        self.skin = skin
        self.hair = hair
        self.eyes = eyes
        self.outfitMain = outfitMain
        self.outfitTrim = outfitTrim
    }
}

public enum BodyAge: String, CaseIterable, Sendable {
    case child, teen, adult
}

public enum BodyBuild: String, CaseIterable, Sendable {
    case slim, average, sturdy
}

public enum HairStyle: String, CaseIterable, Sendable {
    case short, long, ponytail, twinTails, spiky, bob, braid, bun, hooded
}

public enum Outfit: String, CaseIterable, Sendable {
    case tunic, robe, armour, dress, coat, schoolUniform
}

/// What sits on the head. A hooded character may still wear one (over the hood).
public enum Headwear: String, CaseIterable, Sendable {
    case none, hat, headband, ribbon
}

public struct Accessories: Hashable, Sendable {
    public var headwear: Headwear
    public var cape: Bool
    public var glasses: Bool

    public init(headwear: Headwear, cape: Bool, glasses: Bool) {
        self.headwear = headwear
        self.cape = cape
        self.glasses = glasses
    }
}

/// The eight expressions of an RPG Maker face set, in face set order.
public enum Expression: String, CaseIterable, Sendable {
    case neutral, happy, worried, angry, sad, surprised, eyesClosedSmile, determined
}

/// A small turn of the head in portraits, as the viewer sees it.
public enum HeadTurn: String, CaseIterable, Sendable {
    case left, front, right

    /// -1, 0 or 1: which way features shift.
    var direction: Double {
        switch self {
        case .left: return -1
        case .front: return 0
        case .right: return 1
        }
    }
}

// MARK: - JSON (a training set's `attributes.jsonl`)

extension CharacterAttributes {
    /// `{"shape": {...}, "expression": {...}, "colours": {...}}`, every choice by its case name.
    public var json: JSONValue {
        [
            "shape": [
                "age": .string(shape.age.rawValue), "build": .string(shape.build.rawValue),
                "hairStyle": .string(shape.hairStyle.rawValue), "outfit": .string(shape.outfit.rawValue),
                "accessories": ["headwear": .string(shape.accessories.headwear.rawValue),
                                "cape": .bool(shape.accessories.cape), "glasses": .bool(shape.accessories.glasses)],
            ],
            "expression": ["expression": .string(expression.expression.rawValue), "headTurn": .string(expression.headTurn.rawValue)],
            "colours": [
                "skin": .string(colours.skin.rawValue), "hair": .string(colours.hair.rawValue), "eyes": .string(colours.eyes.rawValue),
                "outfitMain": .string(colours.outfitMain.rawValue), "outfitTrim": .string(colours.outfitTrim.rawValue),
            ],
        ]
    }

    /// Reads what `json` writes; errors name the field.
    public init(_ field: JSONField) throws {
        func choice<Choice: RawRepresentable & CaseIterable>(_ object: JSONField, _ key: String) throws -> Choice
            where Choice.RawValue == String {
            try object.member(key, "one of \(Choice.allCases.map(\.rawValue).joined(separator: ", "))").oneOf(Choice.self)
        }
        let shape = try field.member("shape", "age, build, hairStyle, outfit and accessories")
        let accessories = try shape.member("accessories", "headwear, cape and glasses")
        let expression = try field.member("expression", "expression and headTurn")
        let colours = try field.member("colours", "skin, hair, eyes, outfitMain and outfitTrim")
        self.init(
            shape: ShapeAttributes(age: try choice(shape, "age"), build: try choice(shape, "build"),
                                   hairStyle: try choice(shape, "hairStyle"), outfit: try choice(shape, "outfit"),
                                   accessories: Accessories(headwear: try choice(accessories, "headwear"),
                                                            cape: try accessories.member("cape", "true or false").bool(),
                                                            glasses: try accessories.member("glasses", "true or false").bool())),
            expression: ExpressionAttributes(expression: try choice(expression, "expression"), headTurn: try choice(expression, "headTurn")),
            colours: ColourAttributes(skin: try choice(colours, "skin"), hair: try choice(colours, "hair"), eyes: try choice(colours, "eyes"),
                                      outfitMain: try choice(colours, "outfitMain"), outfitTrim: try choice(colours, "outfitTrim")))
    }
}

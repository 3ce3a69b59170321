/// One attribute of a character as the evaluation's accuracy figure and the training's
/// `AttributeEmphasis` vary it: its name in reports and configs, and every other value it can
/// take on a given character.
public struct CharacterAttribute: Sendable {
    public let name: String
    /// The character with this attribute set to each of its other values.
    public let alternatives: @Sendable (CharacterAttributes) -> [CharacterAttributes]

    init<Value: Equatable & Sendable>(_ name: String, _ path: WritableKeyPath<CharacterAttributes, Value> & Sendable, values: [Value]) {
        self.name = name
        alternatives = { attributes in
            values.filter { $0 != attributes[keyPath: path] }.map { value in
                var changed = attributes
                changed[keyPath: path] = value
                return changed
            }
        }
    }

    /// Every attribute the renderer draws. Those a target does not depend on (the walk sheet
    /// shows no expression) draw the very same image for every value and drop out by themselves.
    init<Value: CaseIterable & Equatable & Sendable>(_ name: String, _ path: WritableKeyPath<CharacterAttributes, Value> & Sendable)
        where Value.AllCases == [Value] {
        self.init(name, path, values: Value.allCases)
    }

    /// Every attribute the renderer draws. Those a target does not depend on (the walk sheet
    /// shows no expression) draw the very same image for every value and drop out by themselves.
    public static let all: [CharacterAttribute] = [
        CharacterAttribute("age", \.shape.age), CharacterAttribute("build", \.shape.build),
        CharacterAttribute("hairStyle", \.shape.hairStyle), CharacterAttribute("outfit", \.shape.outfit),
        CharacterAttribute("headwear", \.shape.accessories.headwear),
        CharacterAttribute("cape", \.shape.accessories.cape, values: [false, true]),
        CharacterAttribute("glasses", \.shape.accessories.glasses, values: [false, true]),
        CharacterAttribute("expression", \.expression.expression), CharacterAttribute("headTurn", \.expression.headTurn),
        CharacterAttribute("skinTone", \.colours.skin), CharacterAttribute("hairColour", \.colours.hair),
        CharacterAttribute("eyeColour", \.colours.eyes), CharacterAttribute("outfitMainColour", \.colours.outfitMain),
        CharacterAttribute("outfitTrimColour", \.colours.outfitTrim),
    ]

    /// The attribute of `all` with this name, or nil when there is none.
    public static func named(_ name: String) -> CharacterAttribute? { all.first { $0.name == name } }

    /// The attributes of `all` with these names, in the order given (each name must be one of them).
    public static func named(_ names: [String]) -> [CharacterAttribute] {
        names.map { name in named(name)! }
    }
}

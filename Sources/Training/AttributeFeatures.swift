import StyleCastArt

/// The attributes a model's target draws, as one vector a linear read-out of w can be trained to
/// give: each case-valued attribute as a one-hot of its case (a linear read-out picks the largest),
/// each colour as its RGB in [-1, 1] (the read-out's colour is judged by the nearest named colour).
/// What `MappingPretraining` asks the mapping network to make linearly readable.
struct AttributeFeatures {
    struct Feature {
        let name: String
        let width: Int
        /// Writes the attribute's features at `offset`.
        let encode: (CharacterAttributes, inout [Float], Int) -> Void
        /// Whether a read-out's features at `offset` name the character's value.
        let reads: ([Float], Int, CharacterAttributes) -> Bool
    }

    let features: [Feature]
    let width: Int

    init(target: TrainingTarget) {
        var features = [
            Self.cases("age", \.shape.age), Self.cases("build", \.shape.build), Self.cases("hairStyle", \.shape.hairStyle),
            Self.cases("outfit", \.shape.outfit), Self.cases("headwear", \.shape.accessories.headwear),
            Self.values("cape", \.shape.accessories.cape, [false, true]),
            Self.values("glasses", \.shape.accessories.glasses, [false, true]),
        ]
        // A walk sheet shows neither (the renderer draws every sheet facing each way, neutral).
        if target == .facePortrait {
            features += [Self.cases("expression", \.expression.expression), Self.cases("headTurn", \.expression.headTurn)]
        }
        features += [
            Self.colour("skinTone", \.colours.skin, \.rgb), Self.colour("hairColour", \.colours.hair, \.rgb),
            Self.colour("eyeColour", \.colours.eyes, \.rgb), Self.colour("outfitMainColour", \.colours.outfitMain, \.rgb),
            Self.colour("outfitTrimColour", \.colours.outfitTrim, \.rgb),
        ]
        self.features = features
        width = features.reduce(0) { $0 + $1.width }
    }

    func vector(_ attributes: CharacterAttributes) -> [Float] {
        var values = [Float](repeating: 0, count: width)
        var offset = 0
        for feature in features {
            feature.encode(attributes, &values, offset)
            offset += feature.width
        }
        return values
    }

    /// Per feature name: whether `readOut` names the character's value.
    func reads(_ readOut: [Float], _ attributes: CharacterAttributes) -> [(name: String, right: Bool)] {
        var offset = 0
        return features.map { feature in
            defer { offset += feature.width }
            return (feature.name, feature.reads(readOut, offset, attributes))
        }
    }

    private static func cases<T: CaseIterable & Equatable>(_ name: String, _ path: KeyPath<CharacterAttributes, T>) -> Feature
        where T.AllCases == [T] {
        values(name, path, T.allCases)
    }

    private static func values<T: Equatable>(_ name: String, _ path: KeyPath<CharacterAttributes, T>, _ values: [T]) -> Feature {
        Feature(name: name, width: values.count,
                encode: { attributes, vector, offset in vector[offset + values.firstIndex(of: attributes[keyPath: path])!] = 1 },
                reads: { readOut, offset, attributes in
                    let slice = readOut[offset ..< offset + values.count]
                    return values[slice.indices.max { slice[$0] < slice[$1] }! - offset] == attributes[keyPath: path]
                })
    }

    private static func colour<T: CaseIterable & Equatable>(_ name: String, _ path: KeyPath<CharacterAttributes, T>,
                                                            _ rgb: KeyPath<T, RGB>) -> Feature where T.AllCases == [T] {
        func components(_ value: T) -> [Float] {
            let colour = value[keyPath: rgb]
            return [colour.r, colour.g, colour.b].map { Float($0) / 127.5 - 1 }
        }
        return Feature(name: name, width: 3,
                       encode: { attributes, vector, offset in
                           vector.replaceSubrange(offset ..< offset + 3, with: components(attributes[keyPath: path]))
                       },
                       reads: { readOut, offset, attributes in
                           func distance(_ value: T) -> Float {
                               zip(components(value), readOut[offset ..< offset + 3]).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
                           }
                           return T.allCases.min { distance($0) < distance($1) }! == attributes[keyPath: path]
                       })
    }
}

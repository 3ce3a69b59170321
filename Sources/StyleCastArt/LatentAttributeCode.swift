import Foundation

/// How a latent vector z encodes a character, so that a generator trained to draw the renderer's
/// image of `attributes(latent: z)` gives each z a meaning, and presets can be written down.
///
/// The code is read from z / rms(z), the normalised z the mapping network itself sees, and is
/// made to be easy to learn: what a network can read off linearly, it learns first.
/// - Every shape or expression attribute is one coordinate cut into equal-probability bins
///   (u = Phi(z_k)): its cases in order, weighted choices taking wider bins (half of all characters
///   wear nothing on the head). Head turn runs left, front, right.
/// - Skin is one coordinate, its tones ordered light to dark.
/// - Hair, eye and the two cloth colours are each a point in the RGB cube from three coordinates
///   (Phi of each); the attribute is the named colour nearest to it (the trim: nearest other than
///   the main colour). So the drawn colour moves with z almost linearly.
/// Truncation pulls z toward 0, and with it every attribute toward its middle case and every
/// colour toward the middle of the cube: the "average character", as truncation means in W.
public enum LatentAttributeCode {
    /// Coordinates in z order.
    enum Slot: CaseIterable {
        case age, build, hairStyle, outfit, headwear, cape, glasses, expression, headTurn, skin
        case hairColour, eyeColour, outfitMain, outfitTrim

        var width: Int {
            switch self {
            case .hairColour, .eyeColour, .outfitMain, .outfitTrim: return 3
            default: return 1
            }
        }
    }

    /// z coordinates the code reads; the rest of z is free (a model's z_dim must be at least this).
    public static var dimensions: Int { Slot.allCases.reduce(0) { $0 + $1.width } }

    static func start(of slot: Slot) -> Int {
        Slot.allCases.prefix { $0 != slot }.reduce(0) { $0 + $1.width }
    }

    /// The character a latent stands for.
    public static func attributes(latent z: [Float]) -> CharacterAttributes {
        precondition(z.count >= dimensions, "a latent needs at least \(dimensions) values to encode a character")
        let scale = 1 / rootMeanSquare(z)
        func u(_ slot: Slot, _ offset: Int = 0) -> Double { normalCDF(Double(z[start(of: slot) + offset] * scale)) }
        func bin<T: CaseIterable>(_ slot: Slot) -> T where T.AllCases: RandomAccessCollection {
            let cases = T.allCases
            let index = min(cases.count - 1, Int(u(slot) * Double(cases.count)))
            return cases[cases.index(cases.startIndex, offsetBy: index)]
        }
        func point(_ slot: Slot) -> (Double, Double, Double) { (u(slot, 0), u(slot, 1), u(slot, 2)) }
        let headwearU = u(.headwear)
        let headwear: Headwear = headwearU < 0.5 ? .none : [.hat, .headband, .ribbon][min(2, Int((headwearU - 0.5) * 6))]
        let main: ClothColour = nearest(to: point(.outfitMain), among: ClothColour.allCases, rgb: \.rgb)
        let trim: ClothColour = nearest(to: point(.outfitTrim), among: ClothColour.allCases.filter { $0 != main }, rgb: \.rgb)
        return CharacterAttributes(
            shape: ShapeAttributes(age: bin(.age), build: bin(.build), hairStyle: bin(.hairStyle), outfit: bin(.outfit),
                                   accessories: Accessories(headwear: headwear, cape: u(.cape) < 1.0 / 3,
                                                            glasses: u(.glasses) < 0.2)),
            expression: ExpressionAttributes(expression: bin(.expression), headTurn: bin(.headTurn)),
            colours: ColourAttributes(skin: bin(.skin),
                                      hair: nearest(to: point(.hairColour), among: HairColour.allCases, rgb: \.rgb),
                                      eyes: nearest(to: point(.eyeColour), among: EyeColour.allCases, rgb: \.rgb),
                                      outfitMain: main, outfitTrim: trim))
    }

    /// `base` with the coded coordinates set so that it encodes `attributes`: each bin's centre,
    /// each colour's own RGB point; the free coordinates are kept.
    public static func latent(setting attributes: CharacterAttributes, on base: [Float]) -> [Float] {
        precondition(base.count >= dimensions, "a latent needs at least \(dimensions) values to encode a character")
        func colour(_ rgb: RGB) -> [Double] { [rgb.r, rgb.g, rgb.b].map { (Double($0) + 0.5) / 256 } }
        let shape = attributes.shape, colours = attributes.colours
        let headwearU: Double = switch shape.accessories.headwear {
        case .none: 0.25
        case .hat: 0.5 + 1.0 / 12
        case .headband: 0.5 + 3.0 / 12
        case .ribbon: 0.5 + 5.0 / 12
        }
        let targets: [(Slot, [Double])] = [
            (.age, [centre(shape.age)]), (.build, [centre(shape.build)]), (.hairStyle, [centre(shape.hairStyle)]),
            (.outfit, [centre(shape.outfit)]), (.headwear, [headwearU]),
            (.cape, [shape.accessories.cape ? 1.0 / 6 : 2.0 / 3]), (.glasses, [shape.accessories.glasses ? 0.1 : 0.6]),
            (.expression, [centre(attributes.expression.expression)]), (.headTurn, [centre(attributes.expression.headTurn)]),
            (.skin, [centre(colours.skin)]), (.hairColour, colour(colours.hair.rgb)), (.eyeColour, colour(colours.eyes.rgb)),
            (.outfitMain, colour(colours.outfitMain.rgb)), (.outfitTrim, colour(colours.outfitTrim.rgb)),
        ]
        return write(targets, on: base)
    }

    /// `base` with only the expression coordinate set (to the centre of `expression`'s bin):
    /// the same character showing another expression. The code reads z / rms(z), so the free
    /// coordinates (those after `dimensions`) are scaled to keep the rms, and with it every other
    /// attribute, as it was; a z with too little in its free coordinates for that gets the
    /// expression as `latent(setting:on:)` sets values, and a borderline attribute may move.
    public static func latent(setting expression: Expression, on base: [Float]) -> [Float] {
        precondition(base.count >= dimensions, "a latent needs at least \(dimensions) values to encode a character")
        var z = base
        let index = start(of: .expression)
        z[index] = Float(inverseNormalCDF(centre(expression))) * rootMeanSquare(base)
        func squares(_ values: ArraySlice<Float>) -> Float { values.reduce(0) { $0 + $1 * $1 } }
        let free = squares(z[dimensions...]), wanted = squares(base[...]) - squares(z[..<dimensions])
        guard free > 0, wanted > 0 else { return write([(.expression, [centre(expression)])], on: base) }
        let scale = (wanted / free).squareRoot()
        for i in dimensions..<z.count { z[i] *= scale }
        return z
    }

    /// The centre of a case's equal-probability bin.
    private static func centre<T: CaseIterable & Equatable>(_ value: T) -> Double {
        let cases = Array(T.allCases)
        return (Double(cases.firstIndex(of: value)!) + 0.5) / Double(cases.count)
    }

    /// `base` with each slot's coordinates set to Phi^-1 of the given values.
    private static func write(_ targets: [(Slot, [Double])], on base: [Float]) -> [Float] {
        // The code reads z / rms(z), and setting coordinates changes the rms: set them in
        // normalised units a few times over until the rms settles.
        var z = base
        for _ in 0..<4 {
            let rms = rootMeanSquare(z)
            for (slot, values) in targets {
                for (offset, value) in values.enumerated() { z[start(of: slot) + offset] = Float(inverseNormalCDF(value)) * rms }
            }
        }
        return z
    }

    static func rootMeanSquare(_ z: [Float]) -> Float {
        (z.reduce(Float(0)) { $0 + $1 * $1 } / Float(z.count) + 1e-8).squareRoot()
    }

    static func nearest<T>(to point: (Double, Double, Double), among cases: [T], rgb: (T) -> RGB) -> T {
        func distance(_ c: T) -> Double {
            let colour = rgb(c)
            let dr = (Double(colour.r) + 0.5) / 256 - point.0, dg = (Double(colour.g) + 0.5) / 256 - point.1
            let db = (Double(colour.b) + 0.5) / 256 - point.2
            return dr * dr + dg * dg + db * db
        }
        return cases.min { distance($0) < distance($1) }!
    }

    static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

    /// Phi^-1 by bisection (the code needs it only to write presets down).
    static func inverseNormalCDF(_ p: Double) -> Double {
        var low = -9.0, high = 9.0
        for _ in 0..<80 {
            let middle = (low + high) / 2
            if normalCDF(middle) < p { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}

import StyleCastArt
import StyleGAN

/// The parts of a character that a model's w rows carry separately (the keys of
/// `__metadata__.stylecast_rows`).
public enum AttributeGroup: String, CaseIterable, Sendable {
    case shape, headTurn, expression, colours

    /// `base` with this group taken from `donor`: what a style mix of these rows should draw.
    public func transplant(from donor: CharacterAttributes, into base: CharacterAttributes) -> CharacterAttributes {
        var mixed = base
        switch self {
        case .shape: mixed.shape = donor.shape
        case .headTurn: mixed.expression.headTurn = donor.expression.headTurn
        case .expression: mixed.expression.expression = donor.expression.expression
        case .colours: mixed.colours = donor.colours
        }
        return mixed
    }
}

/// The character a seed stands for: z = NumPy `RandomState(seed).randn(z_dim)` as float32,
/// read by `LatentAttributeCode`, exactly as the training set was made.
public enum SeedCharacter {
    public static func attributes(seed: UInt32, zDim: Int) -> CharacterAttributes {
        LatentAttributeCode.attributes(latent: latentZ(seed: seed, zDim: zDim).map { Float($0) })
    }
}

/// The activation functions of NVlabs `bias_act` that StyleGAN generators use, with their
/// default gains (so that activations keep unit variance).
public enum Activation: String, Sendable, CaseIterable {
    case linear, relu, lrelu

    /// `bias_act`'s `def_gain`: sqrt(2) for the rectifiers.
    public var defaultGain: Float {
        switch self {
        case .linear: return 1
        case .relu, .lrelu: return Float(2).squareRoot()
        }
    }

    @inline(__always)
    func callAsFunction(_ x: Float) -> Float {
        switch self {
        case .linear: return x
        case .relu: return max(x, 0)
        case .lrelu: return x >= 0 ? x : x * 0.2
        }
    }
}

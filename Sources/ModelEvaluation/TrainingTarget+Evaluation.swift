import ArtQuality
import CastImaging
import StyleCastArt
import StyleCastIO
import Training

/// What a model was trained to draw (`__metadata__.stylecast_target`) decides the renderer
/// image it imitates (`render`, in Training) and the check its output must pass.
extension TrainingTarget {
    public var width: Int { self == .walkSheet ? WalkSheet.width : FacePortrait.size }
    public var height: Int { self == .walkSheet ? WalkSheet.height : FacePortrait.size }

    /// The clean-up the cast pipeline gives this kind of image before it is written into a
    /// project: what a user's game finally shows of a model's drawing.
    public func castCleanup(_ image: RGBAImage) -> RGBAImage {
        switch self {
        case .walkSheet: return SpriteCleanup.clean(image)
        case .facePortrait: return PortraitCleanup.clean(image)
        }
    }

    public func cleanCheck(_ image: RGBAImage) -> CheckOutcome {
        switch self {
        case .walkSheet: return CleanSheetCheck.check(image)
        case .facePortrait: return CleanFaceCheck.check(image)
        }
    }

    /// The groups whose rows a style-mixing test swaps: colours for every model, and the
    /// expression too for faces (walk sheets do not show one).
    public var mixedGroups: [AttributeGroup] { self == .walkSheet ? [.colours] : [.colours, .expression] }
}

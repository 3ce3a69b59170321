/// How an expression moves the features of a portrait: brows, lids, iris, mouth and blush.
/// Offsets are in portrait pixels, positive down.
struct FaceExpressionStyle {
    enum Mouth { case line, smile, openSmile, wavy, frown, openFrown, surprised, smirk }

    /// Brow heights at the outer end, middle and inner end (towards the nose).
    var browOuter: Double, browMiddle: Double, browInner: Double
    /// Upper lid heights above the eye centre at the outer corner, middle and inner corner.
    var lidOuter: Double, lidMiddle: Double, lidInner: Double
    var irisScale: Double = 1
    var eyesClosed = false
    var mouth: Mouth
    var blush = false

    init(_ expression: Expression) {
        switch expression {
        case .neutral:
            self.init(brow: (0, -2, 0), lid: (6, 12, 8), mouth: .line)
        case .happy:
            self.init(brow: (-3, -5, -3), lid: (6, 12, 8), mouth: .openSmile, blush: true)
        case .worried:
            self.init(brow: (2, -2, -5), lid: (5, 11, 9), mouth: .wavy)
        case .angry:
            self.init(brow: (-3, 0, 6), lid: (7, 9, 3), mouth: .openFrown)
        case .sad:
            self.init(brow: (3, -1, -5), lid: (4, 8, 6), mouth: .frown)
        case .surprised:
            self.init(brow: (-6, -9, -6), lid: (8, 14, 10), irisScale: 0.72, mouth: .surprised)
        case .eyesClosedSmile:
            self.init(brow: (-2, -4, -2), lid: (6, 12, 8), eyesClosed: true, mouth: .openSmile, blush: true)
        case .determined:
            self.init(brow: (-1, 0, 3), lid: (7, 10, 6), mouth: .smirk)
        }
    }

    private init(brow: (Double, Double, Double), lid: (Double, Double, Double), irisScale: Double = 1,
                 eyesClosed: Bool = false, mouth: Mouth, blush: Bool = false) {
        (browOuter, browMiddle, browInner) = brow
        (lidOuter, lidMiddle, lidInner) = lid
        self.irisScale = irisScale
        self.eyesClosed = eyesClosed
        self.mouth = mouth
        self.blush = blush
    }
}

/// Where a body's parts sit inside a 48x48 frame. Chibi proportions as in RPG Maker MV: the
/// head is about as tall as the rest of the body, and every body stands on the same baseline.
struct SpriteBody {
    static let centreX = 24.0
    /// Bottom edge of the feet; the outline under them (row 45) is every frame's baseline.
    static let footY = 45.0

    let headCY: Double
    let headRX = 11.0
    let headRY = 10.0
    let shoulderY: Double
    let hipY: Double
    /// Half the shoulder width.
    let torsoHalf: Double

    init(age: BodyAge, build: BodyBuild) {
        switch age {
        case .adult:
            headCY = 15; shoulderY = 24; hipY = 35
        case .teen:
            headCY = 17; shoulderY = 26; hipY = 36
        case .child:
            headCY = 20; shoulderY = 29; hipY = 38
        }
        let childNarrowing: Double = age == .child ? 1 : 0
        switch build {
        case .slim: torsoHalf = 5 - childNarrowing
        case .average: torsoHalf = 6 - childNarrowing
        case .sturdy: torsoHalf = 7 - childNarrowing
        }
    }

    var headTop: Double { headCY - headRY }
    var chinY: Double { headCY + headRY }
    /// Top row of the eyes in front and side views (eyes are 4 pixels tall).
    var eyeTop: Double { headCY + 2 }
    /// The highest a fill may reach: its outline then lands on row 1, inside the frame.
    static let ceiling = 2.0
}

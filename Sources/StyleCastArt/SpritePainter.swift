import RPGMakerFormat

/// Draws one walk frame of a character into a 48x48 frame of a canvas (frame coordinates,
/// facing down, left or up; the sheet mirrors left for right). Every part is a flat shape with
/// a one-pixel outline and two-tone shading, drawn back to front.
struct SpritePainter {
    let canvas: CairoCanvas
    let shape: ShapeAttributes
    let palette: CharacterPalette
    let body: SpriteBody

    init(canvas: CairoCanvas, shape: ShapeAttributes, palette: CharacterPalette) {
        self.canvas = canvas
        self.shape = shape
        self.palette = palette
        self.body = SpriteBody(age: shape.age, build: shape.build)
    }

    /// -1, 0 or +1: which leg steps in walk pattern 0, 1 (standing) or 2.
    static func stride(pattern: Int) -> Double { Double(pattern - 1) }

    func drawFrame(facing: Facing, pattern: Int) {
        let stride = Self.stride(pattern: pattern)
        switch facing {
        case .down:
            if shape.accessories.cape { drawCapeBehind(facing: .down, stride: stride) }
            drawHairBehind(facing: .down)
            drawLegsFrontOrBack(stride: stride)
            drawClothes(facing: .down)
            drawArmsFrontOrBack(stride: stride)
            drawHead()
            drawFrontEyes()
            drawHairOver(facing: .down)
            drawHeadwear(facing: .down)
            if shape.accessories.glasses { drawGlasses(facing: .down) }
        case .left, .right: // the sheet mirrors left-facing frames for right
            drawFarLimbsSide(stride: stride)
            if shape.accessories.cape { drawCapeBehind(facing: .left, stride: stride) }
            drawHairBehind(facing: .left)
            drawNearLegSide(stride: stride)
            drawClothes(facing: .left)
            drawNearArmSide(stride: stride)
            drawHead()
            drawSideEye()
            drawHairOver(facing: .left)
            drawHeadwear(facing: .left)
            if shape.accessories.glasses { drawGlasses(facing: .left) }
        case .up:
            drawLegsFrontOrBack(stride: -stride)
            drawClothes(facing: .up)
            drawArmsFrontOrBack(stride: -stride)
            // Long hair falls over the cape.
            if shape.accessories.cape { drawCapeOverBack(stride: stride) }
            drawHead()
            drawHairBehind(facing: .up)
            drawHairOver(facing: .up)
            drawHeadwear(facing: .up)
        }
    }

    // MARK: Parts

    /// A shape with outline and cel shading; light comes from the upper left.
    func part(_ path: VectorPath, _ tone: Tone) {
        canvas.part(path, tone, outline: palette.outline, outlineWidth: 1, light: Point(-1, -1))
    }

    /// A flat detail inside a part (belt, stripe): no outline.
    func detail(_ path: VectorPath, _ colour: RGB) { canvas.fill(path, colour) }

    var cx: Double { SpriteBody.centreX }

    /// The colour of sleeves, trouser legs and so on, by outfit.
    var sleeveTone: Tone { shape.outfit == .armour ? palette.metal : palette.main }
    var legTone: Tone {
        switch shape.outfit {
        case .tunic, .coat: return palette.trim
        case .armour: return palette.metal
        case .robe: return palette.main
        case .dress, .schoolUniform: return palette.skin
        }
    }

    // MARK: Body, front and back views

    func drawLegsFrontOrBack(stride: Double) {
        for side in [-1.0, 1.0] {
            // The stepping leg lifts its foot; the other keeps it on the baseline.
            let lift = stride == side ? 2.0 : 0
            let x = side < 0 ? cx - 4 : cx + 1
            let shoeTop = SpriteBody.footY - 2 - lift
            part(.rect(x, body.hipY - 1, 3, shoeTop - body.hipY + 1), legTone)
            part(.rect(x, shoeTop, 3, 2), palette.leather)
        }
    }

    func drawArmsFrontOrBack(stride: Double) {
        let length = body.hipY - body.shoulderY - 3
        for side in [-1.0, 1.0] {
            // Arms swing against the legs: the arm on the stepping side goes back (shorter).
            let swing = stride == 0 ? 0 : (stride == side ? -1.0 : 1.0)
            let x = side < 0 ? cx - body.torsoHalf - 3 : cx + body.torsoHalf
            let handY = body.shoulderY + 1 + length + swing
            part(.rect(x, body.shoulderY + 1, 3, handY - body.shoulderY - 1), sleeveTone)
            part(.rect(x, handY, 3, 2), palette.skin)
        }
        if shape.outfit == .armour {
            for side in [-1.0, 1.0] {
                part(.ellipse(cx + side * (body.torsoHalf + 0.5), body.shoulderY + 2, 3, 2.5), palette.metal)
            }
        }
    }

    func torsoPath(halfWidth hw: Double, centre: Double) -> VectorPath {
        .polygon([Point(centre - hw + 1, body.shoulderY), Point(centre + hw - 1, body.shoulderY),
                  Point(centre + hw, body.shoulderY + 1), Point(centre + hw - 0.5, body.hipY),
                  Point(centre - hw + 0.5, body.hipY), Point(centre - hw, body.shoulderY + 1)])
    }

    /// A skirt-like trapezoid from `top` to `bottom`, widening from `topHalf` to `bottomHalf`.
    func skirtPath(top: Double, bottom: Double, topHalf: Double, bottomHalf: Double, centre: Double) -> VectorPath {
        .polygon([Point(centre - topHalf, top), Point(centre + topHalf, top),
                  Point(centre + bottomHalf, bottom), Point(centre - bottomHalf, bottom)])
    }

    func drawClothes(facing: Facing) {
        let side = facing == .left
        let hw = side ? body.torsoHalf - 1.5 : body.torsoHalf
        let centre = side ? cx + 0.5 : cx
        let hip = body.hipY
        let torsoTone = shape.outfit == .armour ? palette.metal : palette.main
        switch shape.outfit {
        case .robe:
            let robe = VectorPath.polygon([
                Point(centre - hw + 1, body.shoulderY), Point(centre + hw - 1, body.shoulderY),
                Point(centre + hw, body.shoulderY + 1), Point(centre + hw + 3, SpriteBody.footY - 2),
                Point(centre - hw - 3, SpriteBody.footY - 2), Point(centre - hw, body.shoulderY + 1)])
            part(robe, palette.main)
            detail(.rect(centre - hw - 2, SpriteBody.footY - 4, 2 * hw + 4, 1), palette.trim.light)
            if facing == .down { detail(.rect(centre - 1, body.shoulderY + 1, 2, SpriteBody.footY - 4 - body.shoulderY - 1), palette.trim.light) }
            detail(.rect(centre - hw + 0.5, hip - 3, 2 * hw - 1, 1), palette.trim.shade)
        case .tunic:
            part(torsoPath(halfWidth: hw, centre: centre), torsoTone)
            part(skirtPath(top: hip - 2, bottom: hip + 2, topHalf: hw - 0.5, bottomHalf: hw + 1, centre: centre), palette.main)
            detail(.rect(centre - hw + 0.5, hip - 3, 2 * hw - 1, 2), palette.leather.light)
            if facing == .down { detail(.rect(centre - 1, hip - 3, 2, 2), palette.trim.light) }
        case .armour:
            part(torsoPath(halfWidth: hw, centre: centre), torsoTone)
            part(skirtPath(top: hip - 2, bottom: hip + 3, topHalf: hw - 1, bottomHalf: hw, centre: centre), palette.main)
            if facing != .left {
                part(.rect(centre - 2, body.shoulderY + 2, 4, hip - body.shoulderY - 3), palette.main)
                detail(.rect(centre - 1, body.shoulderY + 3, 2, 2), palette.trim.light)
            }
            detail(.rect(centre - hw + 1, hip - 3, 2 * hw - 2, 1), palette.leather.light)
        case .dress:
            part(torsoPath(halfWidth: hw - 0.5, centre: centre), palette.main)
            part(skirtPath(top: hip - 3, bottom: hip + 5, topHalf: hw - 1, bottomHalf: hw + 3, centre: centre), palette.main)
            detail(.rect(centre - hw - 2, hip + 3, 2 * hw + 4, 1), palette.trim.light)
            detail(.rect(centre - hw + 1, hip - 4, 2 * hw - 2, 1), palette.trim.light)
        case .coat:
            part(torsoPath(halfWidth: hw, centre: centre), palette.main)
            part(skirtPath(top: hip - 2, bottom: hip + 5, topHalf: hw - 0.5, bottomHalf: hw + 2, centre: centre), palette.main)
            if facing == .down {
                detail(.rect(centre - 1, body.shoulderY + 1, 2, hip - body.shoulderY + 3), palette.trim.light)
            } else if facing == .up {
                detail(.rect(centre - 0.5, hip - 1, 1, 6), palette.main.shade)
            }
            detail(.rect(centre - hw + 0.5, hip - 3, 2 * hw - 1, 1), palette.leather.shade)
        case .schoolUniform:
            part(torsoPath(halfWidth: hw, centre: centre), palette.main)
            part(skirtPath(top: hip - 2, bottom: hip + 4, topHalf: hw - 0.5, bottomHalf: hw + 2, centre: centre), palette.trim)
            switch facing {
            case .down:
                part(.polygon([Point(centre - hw + 1, body.shoulderY), Point(centre + hw - 1, body.shoulderY),
                               Point(centre, body.shoulderY + 5)]), palette.trim)
                detail(.rect(centre - 1, body.shoulderY + 4, 2, 2), palette.mouth)
            case .up:
                part(.rect(centre - hw + 1, body.shoulderY, 2 * hw - 2, 4), palette.trim)
            default:
                part(.rect(centre + 1, body.shoulderY, hw - 1, 3), palette.trim)
            }
        }
    }

    // MARK: Body, side view (facing left; forward is -x)

    /// Foot centre of the near (+1) or far (-1) leg: apart while walking, together standing.
    func footX(near: Bool, stride: Double) -> Double {
        let forward = near ? -stride : stride
        return cx + 0.5 + forward * 3.5 + (stride == 0 ? (near ? -1 : 1) : 0)
    }

    func sideLeg(footX: Double, tone: Tone, shoe: Tone) {
        let hipX = cx + 0.5
        part(.polygon([Point(hipX - 1.5, body.hipY - 1), Point(hipX + 1.5, body.hipY - 1),
                       Point(footX + 1.5, SpriteBody.footY - 2), Point(footX - 1.5, SpriteBody.footY - 2)]), tone)
        part(.rect(footX - 2.5, SpriteBody.footY - 2, 4, 2), shoe)
    }

    func sideArm(swing: Double, tone: Tone) {
        let shoulderX = cx + 0.5
        let length = body.hipY - body.shoulderY - 2
        let handX = shoulderX + swing * 3
        let handY = body.shoulderY + 1 + length - abs(swing)
        part(.polygon([Point(shoulderX - 1.5, body.shoulderY + 1), Point(shoulderX + 1.5, body.shoulderY + 1),
                       Point(handX + 1.5, handY), Point(handX - 1.5, handY)]), tone)
        part(.rect(handX - 1.5, handY, 3, 2), palette.skin)
    }

    func drawFarLimbsSide(stride: Double) {
        sideArm(swing: stride, tone: sleeveTone.shadowed)
        sideLeg(footX: footX(near: false, stride: stride), tone: legTone.shadowed, shoe: palette.leather.shadowed)
    }

    func drawNearLegSide(stride: Double) {
        sideLeg(footX: footX(near: true, stride: stride), tone: legTone, shoe: palette.leather)
    }

    func drawNearArmSide(stride: Double) {
        // The near arm swings against the near leg.
        sideArm(swing: -stride, tone: sleeveTone)
        if shape.outfit == .armour { part(.ellipse(cx + 0.5, body.shoulderY + 2, 3, 2.5), palette.metal) }
    }

    // MARK: Cape

    func drawCapeBehind(facing: Facing, stride: Double) {
        let hw = body.torsoHalf
        let bottom = body.hipY + 5
        if facing == .down {
            // Only its edges show, behind the arms.
            part(.polygon([Point(cx - hw, body.shoulderY), Point(cx + hw, body.shoulderY),
                           Point(cx + hw + 2, bottom - 2), Point(cx - hw - 2, bottom - 2)]), palette.trim)
        } else {
            // Trailing behind, fluttering with the step.
            let flutter = abs(stride)
            part(.polygon([Point(cx - 1, body.shoulderY), Point(cx + 3, body.shoulderY),
                           Point(cx + 7 + flutter, bottom - flutter), Point(cx + 1, bottom)]), palette.trim)
        }
    }

    func drawCapeOverBack(stride: Double) {
        let hw = body.torsoHalf
        let bottom = body.hipY + 5
        let sway = stride
        part(.polygon([Point(cx - hw + 0.5, body.shoulderY), Point(cx + hw - 0.5, body.shoulderY),
                       Point(cx + hw + 2 + sway, bottom), Point(cx - hw - 2 + sway, bottom)]), palette.trim)
        detail(.rect(cx - hw + 1, body.shoulderY, 2 * hw - 2, 1), palette.trim.shade)
    }

    // MARK: Head and eyes

    func drawHead() {
        part(.ellipse(cx, body.headCY, body.headRX, body.headRY), palette.skin)
    }

    /// One 2x4 eye: a dark upper lash reaching one pixel outwards, the iris in two tones
    /// (darker above, as under the lid) and a white glint on the outer side.
    func eye(x: Double, outward: Double) {
        let top = body.eyeTop
        detail(.rect(outward < 0 ? x - 1 : x, top, 3, 1), palette.outline)
        detail(.rect(x, top + 1, 2, 2), palette.iris.shade)
        detail(.rect(x, top + 3, 2, 1), palette.iris.light)
        detail(.rect(outward < 0 ? x : x + 1, top + 1, 1, 1), palette.eyeWhite)
    }

    func drawFrontEyes() {
        eye(x: cx - 6, outward: -1)
        eye(x: cx + 4, outward: 1)
    }

    func drawSideEye() {
        eye(x: cx - 9, outward: 1)
    }

    func drawGlasses(facing: Facing) {
        let top = body.eyeTop - 1
        if facing == .down {
            canvas.stroke(.rect(cx - 7.5, top + 0.5, 4, 5), palette.outline, width: 1)
            canvas.stroke(.rect(cx + 3.5, top + 0.5, 4, 5), palette.outline, width: 1)
            detail(.rect(cx - 3, top + 2, 6, 1), palette.outline)
        } else {
            canvas.stroke(.rect(cx - 10.5, top + 0.5, 4, 5), palette.outline, width: 1)
            detail(.rect(cx - 6, top + 2, 5, 1), palette.outline)
        }
    }
}

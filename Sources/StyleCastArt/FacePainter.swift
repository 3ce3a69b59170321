import Foundation

/// Draws a portrait back to front: hair behind the head, neck and outfit, head, features,
/// fringe, brows, glasses and headwear. Only `drawFeatures` depends on the expression.
struct FacePainter {
    let canvas: CairoCanvas
    let shape: ShapeAttributes
    let palette: CharacterPalette
    let style: FaceExpressionStyle
    let turn: Double
    /// Centre of the head outline, and of the features (which move further with a turn).
    let headX: Double
    let featureX: Double

    static let eyeY = 78.0
    static let outlineWidth = 1.6
    static let light = Point(-4, -4)

    static func featureCentreX(_ turn: HeadTurn) -> Double { 72 + turn.direction * 6 }

    init(canvas: CairoCanvas, attributes: CharacterAttributes) {
        self.canvas = canvas
        shape = attributes.shape
        palette = CharacterPalette(attributes.colours)
        style = FaceExpressionStyle(attributes.expression.expression)
        turn = attributes.expression.headTurn.direction
        headX = 72 + turn * 3
        featureX = Self.featureCentreX(attributes.expression.headTurn)
    }

    func part(_ path: VectorPath, _ tone: Tone) {
        canvas.part(path, tone, outline: palette.outline, outlineWidth: Self.outlineWidth, light: Self.light)
    }

    func draw() {
        drawHairBehind()
        drawNeckAndOutfit()
        drawHead()
        drawFeatures()
        drawFringe()
        drawBrows()
        if shape.accessories.glasses { drawGlasses() }
        drawHeadwear()
    }

    // MARK: Head

    func headPath() -> VectorPath {
        var path = VectorPath()
        let x = headX, chinX = headX + turn * 6
        path.move(x - 42, 68)
        path.curve(x - 42, 30, x - 24, 20, x, 20)
        path.curve(x + 24, 20, x + 42, 30, x + 42, 68)
        path.curve(x + 42, 92, x + 24, 110, chinX, 116)
        path.curve(x - 24, 110, x - 42, 92, x - 42, 68)
        path.close()
        return path
    }

    func drawHead() {
        // Ears first, then the face over them.
        for side in [-1.0, 1.0] {
            part(.ellipse(headX + side * 41, 82, 6, 10), palette.skin)
        }
        part(headPath(), palette.skin)
        // The fringe's shadow on the forehead.
        canvas.withClip(headPath()) { canvas.fill(fringePath().offset(turn * 2, 5), palette.skin.shade) }
    }

    // MARK: Neck, shoulders, outfit

    func drawNeckAndOutfit() {
        let x = headX
        let neck = VectorPath.rect(x - 12, 100, 24, 30)
        part(neck, palette.skin)
        // The chin's shadow on the neck.
        canvas.withClip(neck) { canvas.fill(headPath().offset(0, 8), palette.skin.shade) }
        var shoulders = VectorPath()
        shoulders.move(0, 144)
        shoulders.line(4, 132)
        shoulders.curve(12, 122, 34, 120, x - 16, 118)
        shoulders.line(x + 16, 118)
        shoulders.curve(144 - 34, 120, 144 - 12, 122, 140, 132)
        shoulders.line(144, 144)
        shoulders.close()
        let body = shape.outfit == .armour ? palette.metal : palette.main
        part(shoulders, body)
        switch shape.outfit {
        case .tunic:
            part(.polygon([Point(x - 18, 118), Point(x + 18, 118), Point(x, 140)]), palette.trim)
            part(.polygon([Point(x - 12, 118), Point(x + 12, 118), Point(x, 132)]), palette.skin)
        case .robe:
            part(.polygon([Point(x - 20, 118), Point(x - 10, 118), Point(x + 6, 144), Point(x - 6, 144)]), palette.trim)
            part(.polygon([Point(x + 20, 118), Point(x + 10, 118), Point(x - 6, 144), Point(x + 6, 144)]), palette.trim)
        case .armour:
            part(.rect(x - 14, 116, 28, 28), palette.main)
            // Shoulder plates: domes cut by the frame's bottom edge, with a trim rim.
            for side in [-1.0, 1.0] {
                part(.ellipse(x + side * 56, 142, 24, 18), palette.metal)
                canvas.stroke(.smoothOpen(ellipseArc(x + side * 56, 142, 18, 12, from: 200, to: 340, steps: 8)),
                              palette.trim.light, width: 3)
            }
            canvas.fill(.rect(x - 3, 124, 6, 20), palette.trim.light)
        case .dress:
            var neckline = VectorPath()
            neckline.move(x - 24, 118)
            neckline.curve(x - 20, 136, x + 20, 136, x + 24, 118)
            neckline.close()
            part(neckline, palette.skin)
            canvas.stroke(.smoothOpen([Point(x - 26, 119), Point(x, 134), Point(x + 26, 119)]), palette.trim.light, width: 4)
        case .coat:
            for side in [-1.0, 1.0] {
                part(.polygon([Point(x + side * 12, 104), Point(x + side * 24, 112), Point(x + side * 22, 126),
                               Point(x + side * 4, 140)]), palette.trim)
            }
        case .schoolUniform:
            part(.polygon([Point(x - 40, 120), Point(x + 40, 120), Point(x + 44, 134), Point(x, 144), Point(x - 44, 134)]), palette.trim)
            part(.polygon([Point(x - 14, 118), Point(x + 14, 118), Point(x, 136)]), palette.skin)
            part(.polygon([Point(x - 10, 134), Point(x + 10, 134), Point(x + 4, 144), Point(x - 4, 144)]),
                 Tone(light: palette.mouth))
        }
        if shape.accessories.cape {
            for side in [-1.0, 1.0] {
                part(.polygon([Point(x + side * 16, 118), Point(x + side * 60, 124), Point(x + side * 74, 144),
                               Point(x + side * 30, 144)]), palette.trim)
            }
            part(.ellipse(x, 121, 6, 6), palette.metal)
        }
        if shape.hairStyle == .braid { drawBraid(x: headX - 38, top: 100, bottom: 150) }
    }

    func drawBraid(x: Double, top: Double, bottom: Double) {
        var y = top
        while y < bottom {
            part(.ellipse(x, y, 8, 7), palette.hair)
            y += 11
        }
    }

    // MARK: Hair

    /// The dome of hair over the skull, from the left temple over the top to the right.
    func dome(radiusScale: Double = 1) -> [Point] {
        let x = headX
        if shape.hairStyle == .spiky {
            return (0...14).map { i in
                let angle = (180 + 180 * Double(i) / 14) * Double.pi / 180
                let r = (i % 2 == 1 ? 1.16 : 1.0) * radiusScale
                return Point(x + 48 * r * cos(angle), 64 + 50 * r * sin(angle))
            }
        }
        return ellipseArc(x, 64, 48 * radiusScale, 50 * radiusScale, from: 180, to: 360, steps: 24)
    }

    func drawHairBehind() {
        let x = headX
        var back: [Point]
        switch shape.hairStyle {
        case .long:
            back = dome() + [Point(x + 52, 90), Point(x + 58, 144), Point(x - 58, 144), Point(x - 52, 90)]
        case .bob:
            back = dome() + [Point(x + 50, 100), Point(x + 42, 114), Point(x - 42, 114), Point(x - 50, 100)]
        case .hooded:
            back = ellipseArc(x, 66, 58, 58, from: 180, to: 360, steps: 24)
                + [Point(x + 60, 110), Point(x + 70, 144), Point(x - 70, 144), Point(x - 60, 110)]
            part(.polygon(back), palette.main)
            return
        case .twinTails:
            for side in [-1.0, 1.0] {
                part(.polygon([Point(x + side * 34, 26), Point(x + side * 54, 24), Point(x + side * 66, 60),
                               Point(x + side * 68, 144), Point(x + side * 46, 144), Point(x + side * 44, 80)]), palette.hair)
                part(.ellipse(x + side * 44, 28, 7, 7), palette.trim)
            }
            back = dome() + [Point(x + 48, 92), Point(x - 48, 92)]
        case .ponytail:
            // Tied high at the back, hanging down behind the right side of the head.
            part(.smoothClosed([Point(x + 34, 22), Point(x + 56, 30), Point(x + 62, 64), Point(x + 58, 104),
                                Point(x + 50, 120), Point(x + 46, 84), Point(x + 40, 44)], tension: 0.9), palette.hair)
            part(.ellipse(x + 40, 26, 7, 7), palette.trim)
            back = dome() + [Point(x + 48, 92), Point(x - 48, 92)]
        case .bun:
            part(.ellipse(x, 16, 24, 18), palette.hair)
            back = dome() + [Point(x + 48, 92), Point(x - 48, 92)]
        default:
            back = dome() + [Point(x + 48, 92), Point(x - 48, 92)]
        }
        part(.polygon(back), palette.hair)
    }

    /// Fringe and side locks over the forehead; the hood's rim over them when hooded.
    func drawFringe() {
        part(fringePath(), palette.hair)
        if shape.hairStyle == .hooded {
            let rim = ellipseArc(headX, 66, 58, 58, from: 180, to: 360, steps: 24)
                + ellipseArc(headX, 62, 46, 30, from: 360, to: 180, steps: 20)
            part(.polygon(rim), palette.main)
        }
    }

    /// The dome with the side locks and the jagged fringe across the forehead.
    func fringePath() -> VectorPath {
        let x = headX, p = turn * 6
        let longLocks = [.long, .twinTails, .braid, .bob].contains(shape.hairStyle)
        let lockBottom = longLocks ? 124.0 : 92.0
        var outline = dome()
        outline += [Point(x + 47, lockBottom), Point(x + 36, lockBottom - 14), Point(x + 37, 70)]
        switch shape.hairStyle {
        case .bob:
            outline += [Point(x + 34, 58), Point(x + 14 + p, 60), Point(x + 8 + p, 54), Point(x + 2 + p, 60),
                        Point(x - 34, 58)]
        case .spiky:
            outline += [Point(x + 30, 44), Point(x + 26 + p, 70), Point(x + 18 + p, 40), Point(x + 8 + p, 68),
                        Point(x + 2 + p, 38), Point(x - 8 + p, 70), Point(x - 16 + p, 40), Point(x - 24 + p, 68), Point(x - 30, 44)]
        default:
            outline += [Point(x + 30, 48), Point(x + 24 + p, 66), Point(x + 16 + p, 44), Point(x + 8 + p, 64),
                        Point(x + 2 + p, 40), Point(x - 6 + p, 66), Point(x - 14 + p, 46), Point(x - 22 + p, 64), Point(x - 30, 48)]
        }
        outline += [Point(x - 37, 70), Point(x - 36, lockBottom - 14), Point(x - 47, lockBottom)]
        return .polygon(outline)
    }

    // MARK: Accessories

    func drawGlasses() {
        for side in [-1.0, 1.0] {
            let ex = featureX + side * 20
            canvas.stroke(.ellipse(ex, Self.eyeY + 2, 15, 13), palette.outline, width: 2.5)
        }
        canvas.stroke(.smoothOpen([Point(featureX - 5, Self.eyeY), Point(featureX, Self.eyeY - 2),
                                   Point(featureX + 5, Self.eyeY)]), palette.outline, width: 2.5)
    }

    func drawHeadwear() {
        let x = headX
        switch shape.accessories.headwear {
        case .none:
            break
        case .hat:
            part(.polygon([Point(x - 38, 36), Point(x - 30, -4), Point(x + 30, -4), Point(x + 38, 36)]), palette.main)
            canvas.fill(.polygon([Point(x - 36, 24), Point(x + 36, 24), Point(x + 37.5, 34), Point(x - 37.5, 34)]), palette.trim.light)
            part(.ellipse(x, 38, 68, 11), palette.main)
        case .headband:
            var band = VectorPath()
            band.move(x - 47, 56)
            band.curve(x - 40, 26, x + 40, 26, x + 47, 56)
            band.line(x + 47, 46)
            band.curve(x + 40, 16, x - 40, 16, x - 47, 46)
            band.close()
            part(band, palette.trim)
        case .ribbon:
            let knot = Point(x + 34, 22)
            for lobe in [-1.0, 1.0] {
                part(.smoothClosed([knot, Point(knot.x + lobe * 16, knot.y - 14), Point(knot.x + lobe * 22, knot.y - 2),
                                    Point(knot.x + lobe * 16, knot.y + 12)], tension: 0.8), palette.trim)
            }
            part(.ellipse(knot.x, knot.y, 6, 6), palette.trim)
        }
    }
}

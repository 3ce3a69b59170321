import Foundation
import RPGMakerFormat

/// Points on an ellipse from `from` to `to` degrees (0 = right, 90 = down, 270 = up).
func ellipseArc(_ cx: Double, _ cy: Double, _ rx: Double, _ ry: Double,
                from: Double, to: Double, steps: Int) -> [Point] {
    (0...steps).map { i in
        let angle = (from + (to - from) * Double(i) / Double(steps)) * .pi / 180
        return Point(cx + rx * cos(angle), cy + ry * sin(angle))
    }
}

/// Hair and headwear of walk frames: the parts behind the head, the parts over it, and
/// what sits on top.
extension SpritePainter {
    var hairTone: Tone { shape.hairStyle == .hooded ? palette.main : palette.hair }
    var hasLongSideLocks: Bool { [.long, .twinTails, .braid, .bob].contains(shape.hairStyle) }

    /// The top of the hair: a plain dome, or a spiky crown for spiky hair.
    func crown(centre: Double, from: Double, to: Double) -> [Point] {
        let cy = body.headCY - 1
        if shape.hairStyle != .spiky { return ellipseArc(centre, cy, 12, 11.5, from: from, to: to, steps: 16) }
        // Alternate long and short radii: spikes.
        return (0...12).map { i in
            let angle = (from + (to - from) * Double(i) / 12) * .pi / 180
            let radius = i % 2 == 1 ? 1.22 : 1.0
            return Point(centre + 12 * radius * cos(angle), max(SpriteBody.ceiling, cy + 11.5 * radius * sin(angle)))
        }
    }

    func drawHairBehind(facing: Facing) {
        let y = body.headCY
        switch (shape.hairStyle, facing) {
        case (.long, .left):
            part(.polygon([Point(cx + 2, y - 4), Point(cx + 12.5, y - 3), Point(cx + 13.5, body.shoulderY + 4),
                           Point(cx + 11, body.shoulderY + 7), Point(cx + 4, body.shoulderY + 6), Point(cx + 3, y + 6)]), palette.hair)
        case (.long, _):
            part(.polygon([Point(cx - 12, y - 4), Point(cx + 12, y - 4), Point(cx + 13.5, body.shoulderY + 4),
                           Point(cx + 12, body.shoulderY + 7), Point(cx - 12, body.shoulderY + 7), Point(cx - 13.5, body.shoulderY + 4)]), palette.hair)
        case (.bob, .left):
            part(.polygon([Point(cx, y - 4), Point(cx + 12.5, y - 3), Point(cx + 13, body.chinY - 1),
                           Point(cx + 10, body.chinY + 1), Point(cx + 3, body.chinY), Point(cx + 2, y + 4)]), palette.hair)
        case (.bob, _):
            part(.polygon([Point(cx - 12.5, y - 4), Point(cx + 12.5, y - 4), Point(cx + 13, body.chinY - 1),
                           Point(cx + 11, body.chinY + 1), Point(cx - 11, body.chinY + 1), Point(cx - 13, body.chinY - 1)]), palette.hair)
        case (.ponytail, .down):
            part(.polygon([Point(cx + 8, y - 9), Point(cx + 13, y - 8), Point(cx + 15, y - 2), Point(cx + 15, y + 6),
                           Point(cx + 13, y + 9), Point(cx + 12, y + 2)]), palette.hair)
        case (.ponytail, .left):
            part(.polygon([Point(cx + 9, y - 8), Point(cx + 13, y - 7), Point(cx + 16, y - 1), Point(cx + 16.5, y + 7),
                           Point(cx + 14, y + 11), Point(cx + 13, y + 4), Point(cx + 10, y - 2)]), palette.hair)
        case (.twinTails, .down):
            for side in [-1.0, 1.0] { part(twinTail(side: side, centre: cx), palette.hair) }
        case (.twinTails, .left):
            part(twinTail(side: 1, centre: cx - 3), palette.hair)
        case (.braid, .left):
            braid(x: cx + 9, top: y + 6, bottom: body.shoulderY + 7)
        case (.bun, .down):
            part(.ellipse(cx, y - 10, 4.5, 3.5), palette.hair)
        case (.bun, .left):
            part(.ellipse(cx + 9, y - 8, 4.5, 4), palette.hair)
        case (.hooded, .down), (.hooded, .up):
            var hood = ellipseArc(cx, y - 0.5, 13.5, 12.5, from: 180, to: 360, steps: 16)
            hood += [Point(cx + 13.5, y + 4), Point(cx + body.torsoHalf + 1.5, body.shoulderY + 3),
                     Point(cx - body.torsoHalf - 1.5, body.shoulderY + 3), Point(cx - 13.5, y + 4)]
            part(.polygon(hood), palette.main)
        case (.hooded, .left):
            var hood = ellipseArc(cx, y - 0.5, 13, 12.5, from: 200, to: 380, steps: 16)
            hood += [Point(cx + body.torsoHalf + 1, body.shoulderY + 3), Point(cx - 3, body.shoulderY + 2), Point(cx - 5, y + 6)]
            part(.polygon(hood), palette.main)
        default:
            break
        }
    }

    func twinTail(side: Double, centre: Double) -> VectorPath {
        let y = body.headCY
        return .polygon([Point(centre + side * 10, y - 6), Point(centre + side * 14, y - 7), Point(centre + side * 16, y),
                         Point(centre + side * 16.5, body.shoulderY + 4), Point(centre + side * 14, body.shoulderY + 8),
                         Point(centre + side * 12.5, body.shoulderY + 3), Point(centre + side * 12, y + 2)])
    }

    /// A braid as a chain of beads ending in a tie.
    func braid(x: Double, top: Double, bottom: Double) {
        var beadY = top
        while beadY < bottom {
            part(.ellipse(x, beadY, 2.5, 2), palette.hair)
            beadY += 3
        }
        part(.rect(x - 1.5, beadY - 1, 3, 2), palette.trim)
    }

    func drawHairOver(facing: Facing) {
        switch facing {
        case .down: drawFrontHair()
        case .left: drawSideHair()
        default: drawBackHair()
        }
    }

    /// Front view: the dome over the head, side locks framing the face, the fringe.
    func drawFrontHair() {
        let y = body.headCY
        let lockBottom = hasLongSideLocks ? body.chinY - 2 : y + 4
        var outline = crown(centre: cx, from: 180, to: 360)
        outline += [Point(cx + 12.5, lockBottom), Point(cx + 10, lockBottom - 1), Point(cx + 9.5, y + 1)]
        switch shape.hairStyle {
        case .bob:
            outline += [Point(cx + 9, y), Point(cx - 9, y)]
        case .spiky:
            outline += [Point(cx + 8, y + 2), Point(cx + 6, y - 3), Point(cx + 3.5, y + 2), Point(cx + 1, y - 3),
                        Point(cx - 1.5, y + 2), Point(cx - 4, y - 3), Point(cx - 6, y + 2), Point(cx - 8, y - 2)]
        default:
            outline += [Point(cx + 8, y + 1), Point(cx + 6, y - 2), Point(cx + 3.5, y + 1), Point(cx + 1, y - 2),
                        Point(cx - 1.5, y + 1), Point(cx - 4, y - 2), Point(cx - 6, y + 1), Point(cx - 8, y - 1)]
        }
        outline += [Point(cx - 9.5, y + 1), Point(cx - 10, lockBottom - 1), Point(cx - 12.5, lockBottom)]
        part(.polygon(outline), palette.hair)
        if shape.hairStyle == .hooded {
            // The hood's rim over the fringe.
            var rim = ellipseArc(cx, y - 0.5, 13.5, 12.5, from: 180, to: 360, steps: 16)
            rim += ellipseArc(cx, y - 0.5, 11, 8, from: 360, to: 180, steps: 12)
            part(.polygon(rim), palette.main)
        }
        if shape.hairStyle == .braid { braid(x: cx - 9, top: body.chinY - 1, bottom: body.shoulderY + 8) }
    }

    /// Side view, facing left: hair covers the top and back of the head, a fringe at the front.
    func drawSideHair() {
        let y = body.headCY
        var outline = crown(centre: cx + 0.5, from: 195, to: 380)
        let nape = hasLongSideLocks ? y + 9 : y + 7
        // Behind the ear down to the nape; the sideburn stays back so the profile shows a face.
        outline += [Point(cx + 11, nape), Point(cx + 8, nape - 1), Point(cx + 6, y + 3), Point(cx + 4, y + 7),
                    Point(cx + 3, y + 1), Point(cx - 2, y - 1)]
        if shape.hairStyle == .spiky {
            outline += [Point(cx - 5, y + 2), Point(cx - 6, y - 3), Point(cx - 9, y + 2), Point(cx - 10, y - 3), Point(cx - 13, y)]
        } else {
            outline += [Point(cx - 5, y + 1), Point(cx - 6, y - 2), Point(cx - 9, y + 1), Point(cx - 10, y - 2), Point(cx - 12, y - 1)]
        }
        part(.polygon(outline), palette.hair)
        if shape.hairStyle == .hooded {
            var rim = ellipseArc(cx, y - 0.5, 13, 12.5, from: 200, to: 380, steps: 16)
            rim += [Point(cx + 10, y + 8), Point(cx + 4, y + 7), Point(cx - 1, y - 4), Point(cx - 8, y - 7)]
            part(.polygon(rim), palette.main)
        }
    }

    /// Back view: the hair covers the whole head; tails hang over the back.
    func drawBackHair() {
        let y = body.headCY
        var outline = crown(centre: cx, from: 180, to: 360)
        let nape = hasLongSideLocks ? y + 9 : y + 7
        outline += [Point(cx + 12, y + 3), Point(cx + 10, nape), Point(cx + 5, nape - 1), Point(cx + 2, nape + 1),
                    Point(cx - 2, nape), Point(cx - 6, nape + 1), Point(cx - 10, nape), Point(cx - 12, y + 3)]
        part(.polygon(outline), hairTone)
        let tie = palette.trim
        switch shape.hairStyle {
        case .ponytail:
            part(.polygon([Point(cx - 2.5, y - 4), Point(cx + 2.5, y - 4), Point(cx + 3.5, body.shoulderY + 2),
                           Point(cx, body.shoulderY + 6), Point(cx - 3.5, body.shoulderY + 2)]), palette.hair)
            part(.rect(cx - 2, y - 6, 4, 2), tie)
        case .braid:
            braid(x: cx, top: y + 6, bottom: body.shoulderY + 8)
        case .twinTails:
            for side in [-1.0, 1.0] { part(twinTail(side: side, centre: cx), palette.hair) }
        case .bun:
            part(.ellipse(cx, y - 5, 4.5, 4), palette.hair)
        default:
            break
        }
    }

    func drawHeadwear(facing: Facing) {
        let y = body.headCY
        let side = facing == .left
        switch shape.accessories.headwear {
        case .none:
            break
        case .hat:
            let c = side ? cx + 1 : cx, top = max(SpriteBody.ceiling, y - 13)
            part(.polygon([Point(c - 7, y - 7), Point(c - 5.5, top), Point(c + 5.5, top), Point(c + 7, y - 7)]), palette.main)
            detail(.rect(c - 6.5, y - 9, 13, 2), palette.trim.light)
            part(.ellipse(c, y - 7, side ? 14 : 15, 2.5), palette.main)
        case .headband:
            let band = side ? VectorPath.rect(cx - 10, y - 6, 21, 2) : .rect(cx - 11, y - 6, 22, 2)
            detail(band, palette.trim.light)
            if facing != .down {
                let knotX = side ? cx + 11 : cx
                part(.polygon([Point(knotX, y - 5), Point(knotX + 2, y + 1), Point(knotX - 1, y)]), palette.trim)
            }
        case .ribbon:
            let knot = side ? Point(cx + 6, y - 10) : Point(facing == .up ? cx - 7 : cx + 7, y - 10)
            for lobe in [-1.0, 1.0] {
                part(.polygon([knot, Point(knot.x + lobe * 4, knot.y - 3), Point(knot.x + lobe * 4, knot.y + 3)]), palette.trim)
            }
            part(.rect(knot.x - 1, knot.y - 1, 2, 2), palette.trim)
        }
    }
}

/// The expression-dependent features of a portrait: eyes, nose, mouth, blush and brows.
/// Everything here stays inside `FacePortrait.expressionRegion`.
extension FacePainter {
    func drawFeatures() {
        for side in [-1.0, 1.0] { drawEye(side: side) }
        // Nose: a small shaded tick.
        canvas.stroke(.smoothOpen([Point(featureX + turn * 2 - 1, 94), Point(featureX + turn * 2 + 1.5, 97)]),
                      palette.skin.shade, width: 2)
        if style.blush {
            for side in [-1.0, 1.0] {
                canvas.fill(.ellipse(featureX + side * 22, 96, 9, 4), palette.blush, alpha: 0.55)
            }
        }
        drawMouth()
    }

    /// Upper lid line of one eye, outer corner to inner corner (side -1 = viewer's left eye).
    func lidLine(side: Double) -> [Point] {
        let ex = featureX + side * 20, ey = Self.eyeY
        return [Point(ex + side * 13, ey - style.lidOuter), Point(ex, ey - style.lidMiddle),
                Point(ex - side * 12, ey - style.lidInner)]
    }

    func drawEye(side: Double) {
        let ex = featureX + side * 20, ey = Self.eyeY
        if style.eyesClosed {
            // A smiling closed eye: an upturned arc.
            canvas.stroke(.smoothOpen([Point(ex - 11, ey + 4), Point(ex, ey - 4), Point(ex + 11, ey + 4)]),
                          palette.outline, width: 3.5)
            return
        }
        let lid = lidLine(side: side)
        // Visible eye: the eye-white oval below the lid line.
        var below = VectorPath.smoothOpen(lid)
        below.line(lid[2].x, ey + 30)
        below.line(lid[0].x, ey + 30)
        below.close()
        let white = VectorPath.ellipse(ex, ey + 1, 11, 12)
        canvas.withClip(below) {
            canvas.fill(white, palette.eyeWhite)
            canvas.withClip(white) {
                let s = style.irisScale
                let iris = VectorPath.ellipse(ex + turn * 2, ey + 2, 8 * s, 11 * s)
                canvas.fill(iris, palette.iris.light)
                canvas.withClip(iris) {
                    canvas.fill(.ellipse(ex + turn * 2, ey - 7 * s, 12, 9 * s), palette.iris.shade)
                }
                canvas.stroke(iris, palette.outline, width: 1.2)
                canvas.fill(.ellipse(ex + turn * 2, ey + 2, 3.5 * s, 5 * s), palette.outline)
                canvas.fill(.ellipse(ex + turn * 2 - 3, ey - 3, 2.8, 3.2), palette.eyeWhite)
                canvas.fill(.ellipse(ex + turn * 2 + 3, ey + 7, 1.6, 1.6), palette.eyeWhite)
            }
        }
        // Lash line along the lid, heavier at the outer corner, and a light lower lash.
        canvas.stroke(.smoothOpen(lid), palette.outline, width: 3.5)
        canvas.stroke(.smoothOpen([lid[0], Point(lid[0].x + side * 3, lid[0].y - 2)]), palette.outline, width: 2.5)
        canvas.stroke(.smoothOpen([Point(ex + side * 7, ey + 12), Point(ex - side * 4, ey + 13)]), palette.outline, width: 1.2)
    }

    func drawBrows() {
        for side in [-1.0, 1.0] {
            let ex = featureX + side * 20, by = Self.eyeY - 20
            let brow = [Point(ex + side * 11, by + style.browOuter), Point(ex, by + style.browMiddle),
                        Point(ex - side * 10, by + style.browInner)]
            canvas.stroke(.smoothOpen(brow), palette.outline, width: 2.5)
        }
    }

    func drawMouth() {
        let x = featureX + turn * 2, y = 106.0
        let line = palette.outline
        switch style.mouth {
        case .line:
            canvas.stroke(.smoothOpen([Point(x - 5, y), Point(x, y + 0.8), Point(x + 5, y)]), line, width: 1.8)
        case .smile:
            canvas.stroke(.smoothOpen([Point(x - 6, y - 1), Point(x, y + 2), Point(x + 6, y - 1)]), line, width: 1.8)
        case .openSmile:
            var mouth = VectorPath()
            mouth.move(x - 9, y - 2)
            mouth.curve(x - 4, y, x + 4, y, x + 9, y - 2)
            mouth.curve(x + 7, y + 10, x - 7, y + 10, x - 9, y - 2)
            mouth.close()
            canvas.fill(mouth, palette.mouth)
            canvas.withClip(mouth) { canvas.fill(.ellipse(x, y + 9, 6, 4), palette.blush) }
            canvas.stroke(mouth, line, width: 1.5)
        case .wavy:
            canvas.stroke(.smoothOpen([Point(x - 6, y + 1), Point(x - 2, y - 1), Point(x + 2, y + 1), Point(x + 6, y - 1)]),
                          line, width: 1.8)
        case .frown:
            canvas.stroke(.smoothOpen([Point(x - 6, y + 2), Point(x, y - 1.5), Point(x + 6, y + 2)]), line, width: 1.8)
        case .openFrown:
            var mouth = VectorPath()
            mouth.move(x - 8, y + 3)
            mouth.curve(x - 6, y - 5, x + 6, y - 5, x + 8, y + 3)
            mouth.close()
            canvas.fill(mouth, palette.mouth)
            canvas.fill(.rect(x - 6, y - 2, 12, 2), palette.eyeWhite)
            canvas.stroke(mouth, line, width: 1.5)
        case .surprised:
            let mouth = VectorPath.ellipse(x, y + 1, 4, 5)
            canvas.fill(mouth, palette.mouth)
            canvas.stroke(mouth, line, width: 1.5)
        case .smirk:
            canvas.stroke(.smoothOpen([Point(x - 6, y + 1), Point(x + 2, y + 1), Point(x + 7, y - 2)]), line, width: 1.8)
        }
    }
}

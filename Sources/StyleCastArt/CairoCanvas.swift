import CCairo
import StyleCastIO

/// The one place that talks to cairo: an RGBA canvas with the few operations the renderers
/// need. Sprites draw without anti-aliasing so that every pixel is exactly a palette colour
/// and fully opaque or fully transparent; portraits draw anti-aliased.
final class CairoCanvas {
    let width: Int
    let height: Int
    private let surface: OpaquePointer
    private let context: OpaquePointer

    init(width: Int, height: Int, antialiased: Bool) {
        self.width = width
        self.height = height
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))
        context = cairo_create(surface)
        cairo_set_antialias(context, antialiased ? CAIRO_ANTIALIAS_GRAY : CAIRO_ANTIALIAS_NONE)
        cairo_set_fill_rule(context, CAIRO_FILL_RULE_WINDING)
        cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(context, CAIRO_LINE_CAP_ROUND)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    func fill(_ path: VectorPath, _ colour: RGB, alpha: Double = 1) {
        trace(path)
        setColour(colour, alpha: alpha)
        cairo_fill(context)
    }

    func stroke(_ path: VectorPath, _ colour: RGB, width lineWidth: Double) {
        trace(path)
        setColour(colour, alpha: 1)
        cairo_set_line_width(context, lineWidth)
        cairo_stroke(context)
    }

    /// A filled part drawn the way cel-shaded sprites are: an `outline`-wide line outside the
    /// shape, the shape in its shade, then the shape's lit tone shifted by `light` (towards the
    /// light) and clipped to the shape, which leaves a shade band on the side away from the light.
    func part(_ path: VectorPath, _ tone: Tone, outline: RGB, outlineWidth: Double, light: Point) {
        stroke(path, outline, width: outlineWidth * 2)
        fill(path, tone.shade)
        withClip(path) { fill(path.offset(light.x, light.y), tone.light) }
    }

    /// Runs `body` with drawing limited to `path`.
    func withClip(_ path: VectorPath, _ body: () -> Void) {
        cairo_save(context)
        trace(path)
        cairo_clip(context)
        body()
        cairo_restore(context)
    }

    /// Runs `body` in coordinates moved by (dx, dy).
    func withTransform(dx: Double, dy: Double, _ body: () -> Void) {
        cairo_save(context)
        cairo_translate(context, dx, dy)
        body()
        cairo_restore(context)
    }

    /// The pixels as straight-alpha RGBA8. Cairo stores premultiplied native-endian ARGB32;
    /// un-premultiplying rounds to nearest, and opaque pixels come back exactly.
    func image() -> RGBAImage {
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        var out = RGBAImage(width: width, height: height)
        guard let data = cairo_image_surface_get_data(surface) else { return out }
        out.pixels.withUnsafeMutableBufferPointer { pixels in
            for y in 0..<height {
                let row = UnsafeRawPointer(data + y * stride)
                for x in 0..<width {
                    let argb = row.loadUnaligned(fromByteOffset: x * 4, as: UInt32.self)
                    let a = argb >> 24
                    guard a > 0 else { continue }
                    func straight(_ shift: UInt32) -> UInt8 {
                        let premultiplied = argb >> shift & 0xFF
                        return UInt8(min(255, (premultiplied * 255 + a / 2) / a))
                    }
                    let i = (y * width + x) * 4
                    pixels[i] = straight(16)
                    pixels[i + 1] = straight(8)
                    pixels[i + 2] = straight(0)
                    pixels[i + 3] = UInt8(a)
                }
            }
        }
        return out
    }

    private func setColour(_ colour: RGB, alpha: Double) {
        cairo_set_source_rgba(context, Double(colour.r) / 255, Double(colour.g) / 255, Double(colour.b) / 255, alpha)
    }

    private func trace(_ path: VectorPath) {
        cairo_new_path(context)
        for element in path.elements {
            switch element {
            case .move(let p): cairo_move_to(context, p.x, p.y)
            case .line(let p): cairo_line_to(context, p.x, p.y)
            case .curve(let a, let b, let c): cairo_curve_to(context, a.x, a.y, b.x, b.y, c.x, c.y)
            case .close: cairo_close_path(context)
            }
        }
    }
}

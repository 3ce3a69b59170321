import StyleCastIO

/// Many images tiled on one page for reviewing a batch at a glance, the way an artist
/// looks at a set of sprites: on an opaque background, scaled up without smoothing.
public enum ContactSheet {
    /// A mid grey-green, like a map tile, so transparent edges and outlines read clearly.
    public static let defaultBackground = RGB(hex: 0x7A9A70)

    /// `images` (all the same size) in rows of `columns`, each scaled by the whole number
    /// `scale`, with `gap` background pixels between tiles.
    public static func tile(_ images: [RGBAImage], columns: Int, scale: Int = 1, gap: Int = 4,
                            background: RGB = defaultBackground) -> RGBAImage {
        precondition(columns > 0 && scale > 0 && gap >= 0, "columns and scale must be positive")
        guard let first = images.first else { return RGBAImage(width: 0, height: 0) }
        precondition(images.allSatisfy { $0.width == first.width && $0.height == first.height },
                     "contact sheet images must share one size")
        let rows = (images.count + columns - 1) / columns
        let cellWidth = first.width * scale + gap, cellHeight = first.height * scale + gap
        var page = RGBAImage(width: columns * cellWidth + gap, height: rows * cellHeight + gap)
        for i in stride(from: 0, to: page.pixels.count, by: 4) {
            page.pixels[i] = background.r
            page.pixels[i + 1] = background.g
            page.pixels[i + 2] = background.b
            page.pixels[i + 3] = 255
        }
        for (index, image) in images.enumerated() {
            let left = gap + (index % columns) * cellWidth, top = gap + (index / columns) * cellHeight
            for y in 0..<image.height * scale {
                for x in 0..<image.width * scale {
                    let pixel = image[x / scale, y / scale]
                    guard pixel.a > 0 else { continue }
                    page[left + x, top + y] = blend(pixel, over: background)
                }
            }
        }
        return page
    }

    private static func blend(_ p: (r: UInt8, g: UInt8, b: UInt8, a: UInt8), over background: RGB)
        -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
        let a = Int(p.a)
        func channel(_ front: UInt8, _ back: UInt8) -> UInt8 {
            UInt8((Int(front) * a + Int(back) * (255 - a) + 127) / 255)
        }
        return (channel(p.r, background.r), channel(p.g, background.g), channel(p.b, background.b), 255)
    }
}

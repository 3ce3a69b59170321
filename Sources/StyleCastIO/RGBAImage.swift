/// An 8-bit RGBA image, rows top to bottom, 4 bytes a pixel, straight (not premultiplied) alpha.
public struct RGBAImage: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]

    /// A fully transparent image.
    public init(width: Int, height: Int) {
        precondition(width >= 0 && height >= 0, "image size must not be negative")
        self.width = width
        self.height = height
        self.pixels = [UInt8](repeating: 0, count: width * height * 4)
    }

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * 4, "RGBA pixel buffer has the wrong size")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// One pixel as (r, g, b, a).
    public subscript(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
        get {
            let i = (y * width + x) * 4
            return (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3])
        }
        set {
            let i = (y * width + x) * 4
            pixels[i] = newValue.r
            pixels[i + 1] = newValue.g
            pixels[i + 2] = newValue.b
            pixels[i + 3] = newValue.a
        }
    }

    /// The `width` x `height` region whose top-left corner is (x, y); it must lie inside.
    public func cropped(x: Int, y: Int, width w: Int, height h: Int) -> RGBAImage {
        precondition(x >= 0 && y >= 0 && x + w <= width && y + h <= height, "crop outside the image")
        var out = RGBAImage(width: w, height: h)
        for row in 0..<h {
            let src = ((y + row) * width + x) * 4
            out.pixels.replaceSubrange(row * w * 4 ..< (row + 1) * w * 4, with: pixels[src ..< src + w * 4])
        }
        return out
    }

    /// Copies `image` over this one with its top-left corner at (x, y), replacing pixels
    /// (no blending); parts outside are clipped.
    public mutating func paste(_ image: RGBAImage, x: Int, y: Int) {
        for row in 0..<image.height where y + row >= 0 && y + row < height {
            let x0 = max(0, -x), x1 = min(image.width, width - x)
            guard x0 < x1 else { continue }
            let src = (row * image.width + x0) * 4
            let dst = ((y + row) * width + x + x0) * 4
            pixels.replaceSubrange(dst ..< dst + (x1 - x0) * 4, with: image.pixels[src ..< src + (x1 - x0) * 4])
        }
    }
}

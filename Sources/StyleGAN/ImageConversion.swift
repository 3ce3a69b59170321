import StyleCastIO

/// The official tools' conversion of a raw network output to 8 bits:
/// `(x * 127.5 + 128).clamp(0, 255)` truncated to uint8, per channel.
public enum ImageConversion {
    @inline(__always)
    public static func byte(_ x: Float) -> UInt8 {
        let v = x * 127.5 + 128
        guard v > 0 else { return 0 }  // also NaN
        return v >= 255 ? 255 : UInt8(v)  // UInt8(_:) truncates toward zero, as torch's .to(uint8)
    }

    /// `[C, H, W]` with C = 1 (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA, alpha kept).
    public static func rgba8(_ image: Tensor) throws -> RGBAImage {
        guard image.shape.count == 3 else { throw GeneratorError(reason: "expected an image [C, H, W], got shape \(image.shape)") }
        let channels = image.shape[0], height = image.shape[1], width = image.shape[2]
        guard (1...4).contains(channels) else {
            throw GeneratorError(reason: "a \(channels)-channel image has no PNG form; write the raw output (.npy) instead")
        }
        let plane = height * width
        var pixels = [UInt8](repeating: 255, count: plane * 4)
        image.data.withUnsafeBufferPointer { x in
            for p in 0..<plane {
                let gray = byte(x[p])
                switch channels {
                case 1: pixels[p * 4] = gray; pixels[p * 4 + 1] = gray; pixels[p * 4 + 2] = gray
                case 2: pixels[p * 4] = gray; pixels[p * 4 + 1] = gray; pixels[p * 4 + 2] = gray
                        pixels[p * 4 + 3] = byte(x[plane + p])
                default:
                    for c in 0..<channels { pixels[p * 4 + c] = byte(x[c * plane + p]) }
                }
            }
        }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }
}

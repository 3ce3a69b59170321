import StyleCastIO

/// A target image ready for the loss: planar `[channels, height, width]` values in [-1, 1] at
/// the model's resolution, and a weight per pixel from its alpha.
///
/// Alpha is handled as a masked loss rather than by compositing onto a backdrop: a transparent
/// pixel says nothing about the image, so it gets weight 0 and the generator may draw any
/// background there (a sprite head cut out of its sheet projects onto a portrait model's own
/// background). Partly transparent pixels count in proportion to their alpha. A 4-channel
/// (RGBA) model instead matches all four channels, alpha included, at full weight.
public struct ProjectionTarget: Sendable {
    public let channels: Int
    public let height: Int
    public let width: Int
    public let values: [Float]
    /// `height * width` weights in [0, 1]; all 1 for an opaque target.
    public let pixelWeights: [Float]

    public init(channels: Int, height: Int, width: Int, values: [Float], pixelWeights: [Float]) {
        precondition(values.count == channels * height * width && pixelWeights.count == height * width,
                     "target arrays do not match \(channels)x\(height)x\(width)")
        self.channels = channels
        self.height = height
        self.width = width
        self.values = values
        self.pixelWeights = pixelWeights
    }

    /// `image` scaled (Lanczos-3, in premultiplied alpha) so that it covers `width x height`,
    /// centre-cropped to exactly that size, and laid out for a model with `channels` output
    /// channels (1: luma, 3: RGB, 4: RGBA). `name` labels errors.
    public static func prepare(_ image: RGBAImage, channels: Int, height: Int, width: Int,
                               name: String) throws -> ProjectionTarget {
        guard image.width > 0, image.height > 0 else {
            throw ProjectionError(subject: name, reason: "the target image is empty")
        }
        guard [1, 3, 4].contains(channels) else {
            throw ProjectionError(subject: name, reason: "cannot match a model with \(channels) image channels (need 1, 3 or 4)")
        }
        let planes = LanczosResampler.coverAndCrop(image, width: width, height: height)
        let plane = width * height
        let alpha = planes[3]
        var values = [Float](repeating: 0, count: channels * plane)
        var weights = [Float](repeating: 1, count: plane)
        for i in 0..<plane {
            let a = alpha[i]
            // Straight colour from premultiplied; fully transparent pixels get mid-grey (0).
            let rgb = (0..<3).map { a > 1.0 / 512 ? min(1, max(0, planes[$0][i] / a)) * 2 - 1 : 0 }
            switch channels {
            case 1:
                values[i] = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]
                weights[i] = a
            case 3:
                for c in 0..<3 { values[c * plane + i] = rgb[c] }
                weights[i] = a
            default:
                for c in 0..<3 { values[c * plane + i] = rgb[c] }
                values[3 * plane + i] = a * 2 - 1
            }
        }
        guard weights.contains(where: { $0 > 0 }) else {
            throw ProjectionError(subject: name, reason: "the target is fully transparent after cropping; give an image with visible pixels")
        }
        return ProjectionTarget(channels: channels, height: height, width: width, values: values, pixelWeights: weights)
    }
}

extension ProjectionTarget {
    /// A raw network output (float32 `[1, C, H, W]` or `[C, H, W]`, as `generate --save-raw`
    /// writes it) used as is: no 8-bit rounding or clipping, every pixel at full weight. It must
    /// already have the model's shape.
    public static func raw(_ array: NPYArray, channels: Int, height: Int, width: Int, name: String) throws -> ProjectionTarget {
        guard array.shape == [1, channels, height, width] || array.shape == [channels, height, width] else {
            throw ProjectionError(subject: name, reason: "raw target has shape \(array.shape); this model makes [1, \(channels), \(height), \(width)] images")
        }
        guard array.values.allSatisfy({ $0.isFinite }) else {
            throw ProjectionError(subject: name, reason: "raw target holds NaN or infinite values")
        }
        return ProjectionTarget(channels: channels, height: height, width: width, values: array.values,
                                pixelWeights: [Float](repeating: 1, count: height * width))
    }
}

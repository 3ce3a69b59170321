import Foundation

/// Separable Lanczos-3 resampling of RGBA images, widened by the scale factor when shrinking
/// (as PIL does) so that downscaling averages instead of aliasing. Works on premultiplied
/// colour so transparent pixels do not bleed their hidden colour into their neighbours.
/// Projection targets, the cast pipeline's head crop and the exporters' resizing to a project's
/// face and frame sizes all scale through it.
public enum LanczosResampler {
    /// `coverAndCrop` as a straight-alpha 8-bit image.
    public static func scaled(_ image: RGBAImage, width: Int, height: Int) -> RGBAImage {
        let planes = coverAndCrop(image, width: width, height: height)
        var scaled = RGBAImage(width: width, height: height)
        for p in 0..<(width * height) {
            let alpha = planes[3][p]
            let a = UInt8((alpha * 255).rounded())
            guard a > 0 else { continue }
            for c in 0..<3 { scaled.pixels[p * 4 + c] = UInt8(min(255, max(0, (planes[c][p] / alpha * 255).rounded()))) }
            scaled.pixels[p * 4 + 3] = a
        }
        return scaled
    }

    /// Planes R, G, B (premultiplied) and A in [0, 1], `width * height` each: the image scaled
    /// uniformly to cover `width x height` and centre-cropped.
    public static func coverAndCrop(_ image: RGBAImage, width: Int, height: Int) -> [[Float]] {
        let scale = max(Double(width) / Double(image.width), Double(height) / Double(image.height))
        // Output pixel centres mapped back into the source, centred.
        let offsetX = (Double(image.width) * scale - Double(width)) / 2
        let offsetY = (Double(image.height) * scale - Double(height)) / 2
        let columns = taps(outputs: width, inputs: image.width, scale: scale, offset: offsetX)
        let rows = taps(outputs: height, inputs: image.height, scale: scale, offset: offsetY)
        var planes: [[Float]] = []
        let sourcePlane = image.width * image.height
        var alpha = [Float](repeating: 0, count: sourcePlane)
        for i in 0..<sourcePlane { alpha[i] = Float(image.pixels[i * 4 + 3]) / 255 }
        for channel in 0..<4 {
            var source = [Float](repeating: 0, count: sourcePlane)
            for i in 0..<sourcePlane {
                source[i] = channel == 3 ? alpha[i] : Float(image.pixels[i * 4 + channel]) / 255 * alpha[i]
            }
            planes.append(apply(source, sourceWidth: image.width, sourceHeight: image.height, columns: columns, rows: rows))
        }
        return planes
    }

    /// For each output index, the source indices and normalised weights that make it.
    private struct Taps {
        var first: [Int]
        var weights: [[Float]]
    }

    private static func taps(outputs: Int, inputs: Int, scale: Double, offset: Double) -> Taps {
        let stretch = max(1, 1 / scale)  // widen the kernel when shrinking
        let support = 3 * stretch
        var first: [Int] = [], weights: [[Float]] = []
        for o in 0..<outputs {
            let centre = (Double(o) + 0.5 + offset) / scale
            let lo = max(0, Int((centre - support).rounded(.down)))
            let hi = min(inputs - 1, Int((centre + support).rounded(.up)))
            var w: [Double] = []
            for i in lo...hi { w.append(lanczos3((Double(i) + 0.5 - centre) / stretch)) }
            let sum = w.reduce(0, +)
            first.append(lo)
            weights.append(w.map { Float(sum != 0 ? $0 / sum : 0) })
        }
        return Taps(first: first, weights: weights)
    }

    private static func lanczos3(_ x: Double) -> Double {
        if x == 0 { return 1 }
        guard abs(x) < 3 else { return 0 }
        let px = Double.pi * x
        return 3 * sin(px) * sin(px / 3) / (px * px)
    }

    private static func apply(_ source: [Float], sourceWidth: Int, sourceHeight: Int, columns: Taps, rows: Taps) -> [Float] {
        let outW = columns.first.count, outH = rows.first.count
        var horizontal = [Float](repeating: 0, count: sourceHeight * outW)
        for y in 0..<sourceHeight {
            for x in 0..<outW {
                var sum: Float = 0
                for (k, w) in columns.weights[x].enumerated() { sum += w * source[y * sourceWidth + columns.first[x] + k] }
                horizontal[y * outW + x] = sum
            }
        }
        var out = [Float](repeating: 0, count: outH * outW)
        for y in 0..<outH {
            for (k, w) in rows.weights[y].enumerated() {
                let row = (rows.first[y] + k) * outW
                for x in 0..<outW { out[y * outW + x] += w * horizontal[row + x] }
            }
        }
        // Lanczos lobes overshoot; keep values in range.
        return out.map { min(1, max(0, $0)) }
    }
}

import Foundation

/// The separable 11x11 Gaussian window (sigma 1.5) of the usual SSIM, applied without padding
/// ("valid": the output is 10 pixels smaller each way), and its adjoint for the backward pass.
struct GaussianWindow {
    static let size = 11
    let taps: [Float]

    init(sigma: Double = 1.5) {
        let centre = Double(GaussianWindow.size / 2)
        let raw = (0..<GaussianWindow.size).map { exp(-(Double($0) - centre) * (Double($0) - centre) / (2 * sigma * sigma)) }
        let sum = raw.reduce(0, +)
        taps = raw.map { Float($0 / sum) }
    }

    /// One `height x width` plane filtered to `(height - 10) x (width - 10)`.
    func filter(_ plane: [Float], height: Int, width: Int) -> [Float] {
        let k = GaussianWindow.size
        let outH = height - k + 1, outW = width - k + 1
        var rows = [Float](repeating: 0, count: height * outW)
        for y in 0..<height {
            for x in 0..<outW {
                var sum: Float = 0
                for i in 0..<k { sum += taps[i] * plane[y * width + x + i] }
                rows[y * outW + x] = sum
            }
        }
        var out = [Float](repeating: 0, count: outH * outW)
        for y in 0..<outH {
            for i in 0..<k {
                let tap = taps[i]
                for x in 0..<outW { out[y * outW + x] += tap * rows[(y + i) * outW + x] }
            }
        }
        return out
    }

    /// The transpose of `filter`: a gradient on the small plane spread onto the full one.
    func adjoint(_ gradient: [Float], height: Int, width: Int) -> [Float] {
        let k = GaussianWindow.size
        let outH = height - k + 1, outW = width - k + 1
        var rows = [Float](repeating: 0, count: height * outW)
        for y in 0..<outH {
            for i in 0..<k {
                let tap = taps[i]
                for x in 0..<outW { rows[(y + i) * outW + x] += tap * gradient[y * outW + x] }
            }
        }
        var out = [Float](repeating: 0, count: height * width)
        for y in 0..<height {
            for x in 0..<outW {
                let g = rows[y * outW + x]
                for i in 0..<k { out[y * width + x + i] += taps[i] * g }
            }
        }
        return out
    }
}

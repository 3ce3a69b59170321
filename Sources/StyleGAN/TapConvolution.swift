/// A same-size (stride 1, padding 1) 3x3 convolution as one GEMM of the tap-major weights with
/// the input, `TransposedConvolution.products` (products[k][o] = sum_i W[o, i, k] x[i]), then a
/// shifted sum of the nine tap planes. It does 2.25x the multiplies of Winograd F(4x4, 3x3) but
/// reads only the 3x3 weights: on inputs up to 16x16 a Winograd layer is bound by transforming
/// and reading its 4x larger weights, not by arithmetic (measured with `stylecast bench`).
enum TapConvolution {
    /// Below this input size the tap GEMM beats Winograd (see above).
    static let winogradMinimumSize = 32

    /// out[o, y, x] = sum over taps (ky, kx) of products[ky * 3 + kx][o][y + ky - 1, x + kx - 1],
    /// zero outside the plane, for one output channel of a height x width convolution.
    static func gather(products: UnsafePointer<Float>, channel: Int, outChannels: Int, height: Int, width n: Int,
                       into plane: UnsafeMutablePointer<Float>) {
        let area = height * n
        plane.update(repeating: 0, count: area)
        for k in 0..<9 {
            let dy = k / 3 - 1, dx = k % 3 - 1
            let tap = products + (k * outChannels + channel) * area
            for y in max(0, -dy) ..< min(height, height - dy) {
                let source = tap + (y + dy) * n + dx, target = plane + y * n
                for x in max(0, -dx) ..< min(n, n - dx) { target[x] += source[x] }
            }
        }
    }
}

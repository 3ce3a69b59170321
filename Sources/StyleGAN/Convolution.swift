import BLAS

/// The stride-2 transposed 3x3 convolution that NVlabs `conv2d_resample` uses for up=2, done
/// sub-pixel: one GEMM products[9*Cout, H*W] = tapWeights[9*Cout, Cin] x input[Cin, H*W] on the
/// low-resolution input (4x fewer multiplies than convolving a zero-stuffed input), then each
/// tap's product is added at (2y + ky, 2x + kx) of the `(2H+1) x (2W+1)` output.
enum TransposedConvolution {
    /// Tap-major weights [9*Cout, Cin] (row (ky*3 + kx)*Cout + o) from weights [Cout, Cin, 3, 3].
    static func tapWeights(_ weight: [Float], outChannels: Int, inChannels: Int) -> [Float] {
        var taps = [Float](repeating: 0, count: 9 * outChannels * inChannels)
        for o in 0..<outChannels {
            for i in 0..<inChannels {
                for k in 0..<9 { taps[(k * outChannels + o) * inChannels + i] = weight[(o * inChannels + i) * 9 + k] }
            }
        }
        return taps
    }

    static func products(input: UnsafePointer<Float>, inChannels: Int, height: Int, width: Int,
                         tapWeights: UnsafePointer<Float>, outChannels: Int,
                         into products: UnsafeMutablePointer<Float>) {
        sgemm(m: 9 * outChannels, n: height * width, k: inChannels, a: tapWeights, lda: inChannels,
              b: input, ldb: height * width, c: products, ldc: height * width)
    }

    /// Scatters one output channel's nine tap products into its `(2H+1) x (2W+1)` plane.
    static func scatter(products: UnsafePointer<Float>, channel: Int, outChannels: Int,
                        height: Int, width: Int, into plane: UnsafeMutablePointer<Float>) {
        let outWidth = 2 * width + 1
        plane.update(repeating: 0, count: (2 * height + 1) * outWidth)
        for ky in 0..<3 {
            for kx in 0..<3 {
                let tap = products + ((ky * 3 + kx) * outChannels + channel) * height * width
                for y in 0..<height {
                    let source = tap + y * width
                    let target = plane + (2 * y + ky) * outWidth + kx
                    for x in 0..<width { target[2 * x] += source[x] }
                }
            }
        }
    }
}

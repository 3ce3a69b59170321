import BLAS

/// The two convolutions of a StyleGAN2 synthesis layer, lowered to one OpenBLAS GEMM each.
/// Activations are `[channels, height, width]`; weights are already modulated for this image.
enum Convolution {
    /// 3x3, stride 1, zero padding 1 (same size out): im2col of a band of rows, then
    /// out[Cout, band] = weights[Cout, Cin*9] x columns[Cin*9, band].
    static func same3x3(input: UnsafePointer<Float>, inChannels: Int, height: Int, width: Int,
                        weights: UnsafePointer<Float>, outChannels: Int,
                        output: UnsafeMutablePointer<Float>,
                        columns: UnsafeMutablePointer<Float>, columnCapacity: Int) {
        let k = inChannels * 9
        let bandRows = max(1, min(height, columnCapacity / (k * width)))
        var y0 = 0
        while y0 < height {
            let rows = min(bandRows, height - y0)
            let n = rows * width
            parallelFor(inChannels, minimumWorkPerItem: 9 * n) { channel in
                let plane = input + channel * height * width
                for ky in 0..<3 {
                    for kx in 0..<3 {
                        let target = columns + (channel * 9 + ky * 3 + kx) * n
                        for r in 0..<rows {
                            let sourceY = y0 + r + ky - 1
                            let row = target + r * width
                            guard sourceY >= 0, sourceY < height else {
                                row.update(repeating: 0, count: width)
                                continue
                            }
                            let source = plane + sourceY * width
                            // Columns shift by kx - 1; the edge that falls outside is zero.
                            switch kx {
                            case 0:
                                row[0] = 0
                                row.advanced(by: 1).update(from: source, count: width - 1)
                            case 1:
                                row.update(from: source, count: width)
                            default:
                                row.update(from: source.advanced(by: 1), count: width - 1)
                                row[width - 1] = 0
                            }
                        }
                    }
                }
            }
            sgemm(m: outChannels, n: n, k: k, a: weights, lda: k, b: columns, ldb: n,
                  c: output + y0 * width, ldc: height * width)
            y0 += rows
        }
    }

    /// The stride-2 transposed 3x3 convolution that NVlabs `conv2d_resample` uses for up=2,
    /// done sub-pixel: one GEMM products[9*Cout, H*W] = tapWeights[9*Cout, Cin] x input[Cin, H*W],
    /// then each tap's product is added at (2y + ky, 2x + kx) of the `(2H+1) x (2W+1)` output.
    /// `tapWeights` rows are ordered tap-major: row (ky*3 + kx)*Cout + o.
    static func transposed3x3Stride2(input: UnsafePointer<Float>, inChannels: Int, height: Int, width: Int,
                                     tapWeights: UnsafePointer<Float>, outChannels: Int,
                                     products: UnsafeMutablePointer<Float>) {
        sgemm(m: 9 * outChannels, n: height * width, k: inChannels, a: tapWeights, lda: inChannels,
              b: input, ldb: height * width, c: products, ldc: height * width)
    }

    /// Scatters one output channel's nine tap products into its `(2H+1) x (2W+1)` plane.
    static func scatterTransposedTaps(products: UnsafePointer<Float>, channel: Int, outChannels: Int,
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

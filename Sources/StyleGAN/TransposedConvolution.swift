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
        ParallelGEMM.sgemmBlocks(m: 9 * outChannels, n: height * width, k: inChannels, a: tapWeights, lda: inChannels,
                                 b: input, ldb: height * width, accumulate: false, c: products, ldc: height * width)
    }

    /// The tap products of the transposed same-size convolution (the reverse mode's), [9 * Cin,
    /// H*W]: tap k's block is W[8 - k]^T (Cin x Cout) x gradient (Cout x H*W), the GEMMs reading
    /// the forward layer's tap-major weights [9, Cout, Cin] transposed instead of a transposed copy.
    static func flippedTransposedProducts(gradient: UnsafePointer<Float>, outChannels: Int, height: Int, width: Int,
                                          tapWeights: UnsafePointer<Float>, inChannels: Int,
                                          into products: UnsafeMutablePointer<Float>) {
        let pairs = outChannels * inChannels, plane = height * width
        for k in 0..<9 {
            ParallelGEMM.sgemmBlocks(transposeA: true, m: inChannels, n: plane, k: outChannels,
                                     a: tapWeights + (8 - k) * pairs, lda: inChannels, b: gradient, ldb: plane,
                                     accumulate: false, c: products + k * inChannels * plane, ldc: plane)
        }
    }

    /// Assembles one output channel's `(2H+1) x (2W+1)` plane from its nine tap products. Output
    /// (Y, X) collects the taps with Y = 2y + ky and X = 2x + kx: even rows and columns take the
    /// taps 0 and 2 of their axis, odd ones tap 1, so each value is written once, without zeroing.
    static func scatter(products: UnsafePointer<Float>, channel: Int, outChannels: Int,
                        height: Int, width: Int, into plane: UnsafeMutablePointer<Float>) {
        let outWidth = 2 * width + 1, tapPlane = height * width
        @inline(__always) func tap(_ ky: Int, _ kx: Int, row: Int) -> UnsafePointer<Float> {
            products + ((ky * 3 + kx) * outChannels + channel) * tapPlane + row * width
        }
        for outY in 0..<(2 * height + 1) {
            // The (ky, input row) pairs that land on this output row: one for odd rows, up to two for even.
            let half = outY / 2
            let odd = outY % 2 == 1
            let first: (ky: Int, row: Int)? = odd ? (1, half) : (half < height ? (0, half) : nil)
            let second: (ky: Int, row: Int)? = odd || half < 1 ? nil : (2, half - 1)
            let target = plane + outY * outWidth
            // Writes (assign) or adds one input row's three column taps into the output row.
            @inline(__always) func add(_ pair: (ky: Int, row: Int), assign: Bool) {
                let left = tap(pair.ky, 0, row: pair.row), middle = tap(pair.ky, 1, row: pair.row), right = tap(pair.ky, 2, row: pair.row)
                if assign {
                    target[0] = left[0]
                    for x in 1..<width { target[2 * x] = left[x] + right[x - 1] }
                    target[2 * width] = right[width - 1]
                    for x in 0..<width { target[2 * x + 1] = middle[x] }
                } else {
                    target[0] += left[0]
                    for x in 1..<width { target[2 * x] += left[x] + right[x - 1] }
                    target[2 * width] += right[width - 1]
                    for x in 0..<width { target[2 * x + 1] += middle[x] }
                }
            }
            if let first { add(first, assign: true) }
            if let second { add(second, assign: first == nil) }
        }
    }
}

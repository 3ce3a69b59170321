/// 2x2 average pooling of planar `[channels, height, width]` images and its adjoint, for the
/// multi-scale loss and the noise penalty. An odd last row or column is dropped, as
/// `F.avg_pool2d(kernel_size=2)` does.
public enum AveragePool {
    public static func downsample(_ image: [Float], channels: Int, height: Int, width: Int) -> [Float] {
        let h = height / 2, w = width / 2
        var out = [Float](repeating: 0, count: channels * h * w)
        for c in 0..<channels {
            for y in 0..<h {
                for x in 0..<w {
                    let i = (c * height + 2 * y) * width + 2 * x
                    out[(c * h + y) * w + x] = 0.25 * (image[i] + image[i + 1] + image[i + width] + image[i + width + 1])
                }
            }
        }
        return out
    }

    /// Spreads a gradient of the pooled `[channels, height, width]` image back onto the
    /// `[channels, 2 * height (+1), 2 * width (+1)]` input it came from.
    public static func adjoint(_ gradient: [Float], channels: Int, height: Int, width: Int,
                               inputHeight: Int? = nil, inputWidth: Int? = nil) -> [Float] {
        let H = inputHeight ?? 2 * height, W = inputWidth ?? 2 * width
        var out = [Float](repeating: 0, count: channels * H * W)
        for c in 0..<channels {
            for y in 0..<height {
                for x in 0..<width {
                    let g = 0.25 * gradient[(c * height + y) * width + x]
                    let i = (c * H + 2 * y) * W + 2 * x
                    out[i] += g; out[i + 1] += g; out[i + W] += g; out[i + W + 1] += g
                }
            }
        }
        return out
    }
}

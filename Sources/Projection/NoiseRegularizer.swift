import StyleGAN

/// The official projector's penalty on the noise inputs, which keeps the optimiser from
/// hiding the image in them: for each buffer, at its own size and at every 2x average-pooled
/// size down to 8 pixels, the squared mean of the product with itself shifted one pixel
/// (circularly) right, plus the same for one pixel down.
public enum NoiseRegularizer {
    /// The penalty and its gradient with respect to each buffer.
    public static func evaluate(_ buffers: [[Float]], shapes: [NoiseShape]) -> (value: Float, gradients: [[Float]]) {
        precondition(buffers.count == shapes.count, "one shape per noise buffer")
        var total: Double = 0
        var gradients: [[Float]] = []
        for (buffer, shape) in zip(buffers, shapes) {
            let (value, gradient) = penalty(buffer, height: shape.height, width: shape.width)
            total += value
            gradients.append(gradient)
        }
        return (Float(total), gradients)
    }

    /// The penalty of one buffer at its size and below, with the gradient for that buffer.
    private static func penalty(_ noise: [Float], height: Int, width: Int) -> (Double, [Float]) {
        let count = height * width
        var right: Double = 0, down: Double = 0
        for y in 0..<height {
            for x in 0..<width {
                let v = Double(noise[y * width + x])
                right += v * Double(noise[y * width + (x + width - 1) % width])
                down += v * Double(noise[((y + height - 1) % height) * width + x])
            }
        }
        right /= Double(count)
        down /= Double(count)
        var value = right * right + down * down
        // d(mean(n * roll(n)))/dn = (roll(n, +1) + roll(n, -1)) / count, times 2 * mean for the square.
        let rightScale = 2 * right / Double(count), downScale = 2 * down / Double(count)
        var gradient = [Float](repeating: 0, count: count)
        for y in 0..<height {
            for x in 0..<width {
                let left = noise[y * width + (x + width - 1) % width]
                let rightNeighbour = noise[y * width + (x + 1) % width]
                let up = noise[((y + height - 1) % height) * width + x]
                let below = noise[((y + 1) % height) * width + x]
                gradient[y * width + x] = Float(rightScale * Double(left + rightNeighbour) + downScale * Double(up + below))
            }
        }
        if height > 8 {
            let pooled = AveragePool.downsample(noise, channels: 1, height: height, width: width)
            let (smallerValue, smallerGradient) = penalty(pooled, height: height / 2, width: width / 2)
            value += smallerValue
            let back = AveragePool.adjoint(smallerGradient, channels: 1, height: height / 2, width: width / 2,
                                           inputHeight: height, inputWidth: width)
            for i in 0..<count { gradient[i] += back[i] }
        }
        return (value, gradient)
    }
}

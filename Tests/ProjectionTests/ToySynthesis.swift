import Foundation
import Projection
import StyleGAN

/// A tiny StyleGAN-shaped network for testing the projection machinery without a real model:
/// a constant input, two style-modulated 1x1 convolutions with per-pixel noise, bias and a
/// smooth activation (nearest 2x upsampling between them), and a modulated toRGB. Its backward pass is
/// written by hand and checked against finite differences.
struct ToySynthesis: DifferentiableSynthesis {
    let numWs = 3
    let wDim = 4
    let imageChannels: Int
    let imageHeight: Int
    let imageWidth: Int
    let hidden = 4
    let base: Int

    // Parameters, drawn from a seeded stream.
    let input: [Float]                 // [hidden, base, base]
    let affine: [[Float]]              // per layer [channelsIn, wDim]
    let mix: [[Float]]                 // layer 0, 1: [hidden, hidden]; layer 2: [imageChannels, hidden]
    let bias: [[Float]]
    let noiseStrength: [Float]
    let constantNoise: [[Float]]

    var noiseShapes: [NoiseShape] {
        [NoiseShape(height: base, width: base), NoiseShape(height: 2 * base, width: 2 * base)]
    }

    init(channels: Int = 3, base: Int = 8, seed: UInt32 = 1) {
        imageChannels = channels
        self.base = base
        imageHeight = 2 * base
        imageWidth = 2 * base
        var random = NumpyRandom(seed: seed)
        input = random.floatGaussians(count: hidden * base * base)
        let hidden = self.hidden
        affine = (0..<3).map { _ in random.floatGaussians(count: hidden * 4).map { $0 * 0.25 } }
        mix = [random.floatGaussians(count: hidden * hidden).map { $0 * 0.6 },
               random.floatGaussians(count: hidden * hidden).map { $0 * 0.6 },
               random.floatGaussians(count: channels * hidden).map { $0 * 0.5 }]
        bias = [random.floatGaussians(count: hidden).map { $0 * 0.1 }, random.floatGaussians(count: hidden).map { $0 * 0.1 },
                random.floatGaussians(count: channels).map { $0 * 0.1 }]
        noiseStrength = [0.3, 0.2]
        constantNoise = [random.floatGaussians(count: base * base), random.floatGaussians(count: 4 * base * base)]
    }

    struct Tape {
        var styles: [[Float]]
        var pre: [[Float]]       // pre-activation of layers 0 and 1
        var post: [[Float]]      // after the activation
        var upsampled: [Float]
    }

    func synthesize(ws: [Float], noiseMode: NoiseMode, noiseSeed: UInt64) -> Tensor {
        let noise: [[Float]]
        switch noiseMode {
        case .const: noise = constantNoise
        case .none: noise = noiseShapes.map { [Float](repeating: 0, count: $0.count) }
        case .random:
            var random = NumpyRandom(seed: UInt32(truncatingIfNeeded: noiseSeed))
            noise = noiseShapes.map { random.floatGaussians(count: $0.count) }
        }
        return forward(ws: ws, noise: noise).image
    }

    /// Smooth, unlike leaky ReLU, so that finite differences have no kinks to trip over.
    private func activation(_ x: Float) -> Float { 0.6 * x + 0.4 * tanh(x) }
    private func activationSlope(_ x: Float) -> Float { 0.6 + 0.4 * (1 - tanh(x) * tanh(x)) }

    private func style(_ layer: Int, _ ws: [Float]) -> [Float] {
        (0..<hidden).map { k in
            1 + (0..<wDim).reduce(Float(0)) { $0 + affine[layer][k * wDim + $1] * ws[layer * wDim + $1] }
        }
    }

    /// out[o, p] = sum_k matrix[o, k] * style[k] * x[k, p] + bias[o] (+ strength * noise[p]).
    private func modulated(_ x: [Float], pixels: Int, style: [Float], layer: Int, outputs: Int, noise: [Float]?) -> [Float] {
        var out = [Float](repeating: 0, count: outputs * pixels)
        for o in 0..<outputs {
            for p in 0..<pixels {
                var sum = bias[layer][o]
                for k in 0..<hidden { sum += mix[layer][o * hidden + k] * style[k] * x[k * pixels + p] }
                if let noise { sum += noiseStrength[layer] * noise[p] }
                out[o * pixels + p] = sum
            }
        }
        return out
    }

    func forward(ws: [Float], noise: [[Float]]) -> (image: Tensor, tape: Tape) {
        let small = base * base, large = 4 * small, size = 2 * base
        let styles = (0..<3).map { style($0, ws) }
        let pre0 = modulated(input, pixels: small, style: styles[0], layer: 0, outputs: hidden, noise: noise[0])
        let post0 = pre0.map(activation)
        var up = [Float](repeating: 0, count: hidden * large)
        for k in 0..<hidden {
            for y in 0..<size {
                for x in 0..<size { up[(k * size + y) * size + x] = post0[(k * base + y / 2) * base + x / 2] }
            }
        }
        let pre1 = modulated(up, pixels: large, style: styles[1], layer: 1, outputs: hidden, noise: noise[1])
        let post1 = pre1.map(activation)
        let image = modulated(post1, pixels: large, style: styles[2], layer: 2, outputs: imageChannels, noise: nil)
        return (Tensor(shape: [imageChannels, size, size], data: image),
                Tape(styles: styles, pre: [pre0, pre1], post: [post0, post1], upsampled: up))
    }

    /// Backward through `modulated`: returns dL/dx and dL/dstyle, and accumulates dL/dnoise.
    private func modulatedBackward(_ gradient: [Float], x: [Float], pixels: Int, style: [Float], layer: Int,
                                   outputs: Int) -> (dx: [Float], dStyle: [Float], dNoise: [Float]) {
        var dx = [Float](repeating: 0, count: hidden * pixels)
        var dStyle = [Float](repeating: 0, count: hidden)
        var dNoise = [Float](repeating: 0, count: pixels)
        for o in 0..<outputs {
            for p in 0..<pixels {
                let g = gradient[o * pixels + p]
                dNoise[p] += noiseStrength.indices.contains(layer) ? noiseStrength[layer] * g : 0
                for k in 0..<hidden {
                    let m = mix[layer][o * hidden + k] * g
                    dx[k * pixels + p] += m * style[k]
                    dStyle[k] += m * x[k * pixels + p]
                }
            }
        }
        return (dx, dStyle, dNoise)
    }

    func backward(_ tape: Tape, imageGradient: [Float]) -> SynthesisGradients {
        let small = base * base, large = 4 * small, size = 2 * base
        var dws = [Float](repeating: 0, count: numWs * wDim)
        func styleBack(_ layer: Int, _ dStyle: [Float]) {
            for j in 0..<wDim {
                for k in 0..<hidden { dws[layer * wDim + j] += affine[layer][k * wDim + j] * dStyle[k] }
            }
        }
        let rgb = modulatedBackward(imageGradient, x: tape.post[1], pixels: large, style: tape.styles[2], layer: 2,
                                    outputs: imageChannels)
        styleBack(2, rgb.dStyle)
        var dPre1 = rgb.dx
        for i in dPre1.indices { dPre1[i] *= activationSlope(tape.pre[1][i]) }
        let layer1 = modulatedBackward(dPre1, x: tape.upsampled, pixels: large, style: tape.styles[1], layer: 1, outputs: hidden)
        styleBack(1, layer1.dStyle)
        var dPre0 = [Float](repeating: 0, count: hidden * small)
        for k in 0..<hidden {
            for y in 0..<size {
                for x in 0..<size { dPre0[(k * base + y / 2) * base + x / 2] += layer1.dx[(k * size + y) * size + x] }
            }
        }
        for i in dPre0.indices { dPre0[i] *= activationSlope(tape.pre[0][i]) }
        let layer0 = modulatedBackward(dPre0, x: input, pixels: small, style: tape.styles[0], layer: 0, outputs: hidden)
        styleBack(0, layer0.dStyle)
        return SynthesisGradients(ws: dws, noise: [layer0.dNoise, layer1.dNoise])
    }
}

import BLAS
import Foundation

/// NVlabs StyleGAN3 `SynthesisInput`: Fourier features whose frequencies and phases are rotated
/// and translated by an affine function of w, then mixed by a learned channel matrix.
struct StyleGAN3Input: Sendable {
    let channels: Int
    let size: Int
    let samplingRate: Float
    let bandwidth: Float
    let wDim: Int
    /// Affine `w -> (r_c, r_s, t_x, t_y)`, weight already times its gain 1/sqrt(w_dim).
    let affineWeight: [Float]
    let affineBias: [Float]
    /// The learned mixing matrix divided by sqrt(channels), `[out][in]`.
    let mixing: [Float]
    /// The user-specified inverse transform, 3x3 row-major.
    let transform: [Float]
    let frequencies: [Float]
    let phases: [Float]

    init(architecture: StyleGAN3Architecture,
         tensor: (_ name: String, _ shape: [Int]) throws -> Tensor) throws {
        let c = architecture.inputChannels
        let w = architecture.wDim
        channels = c
        size = architecture.inputSize
        samplingRate = Float(architecture.inputSamplingRate)
        bandwidth = Float(architecture.inputBandwidth)
        wDim = w
        let gain = 1 / Float(w).squareRoot()
        affineWeight = try tensor("synthesis.input.affine.weight", [4, w]).data.map { $0 * gain }
        affineBias = try tensor("synthesis.input.affine.bias", [4]).data
        let mixingGain = 1 / Float(c).squareRoot()
        mixing = try tensor("synthesis.input.weight", [c, c]).data.map { $0 * mixingGain }
        transform = try tensor("synthesis.input.transform", [3, 3]).data
        frequencies = try tensor("synthesis.input.freqs", [c, 2]).data
        phases = try tensor("synthesis.input.phases", [c]).data
    }

    /// How w moves the features: `affine(w)` normalised so (r_c, r_s) is a unit rotation, the
    /// rotation and translation it makes (both inverse, with respect to the image), and the
    /// full feature transform `rotation @ translation @ transform`, all 3x3 row-major.
    struct Placement {
        /// `affine(w)` before normalisation, and the length of its first two values.
        let raw: [Float]
        let norm: Float
        let rotation: [Float]
        let translation: [Float]
        let matrix: [Float]
    }

    func placement(w: UnsafePointer<Float>) -> Placement {
        var raw = affineBias
        affineWeight.withUnsafeBufferPointer { a in
            sgemv(m: 4, n: wDim, a: a.baseAddress!, lda: wDim, x: w, beta: 1, y: &raw)
        }
        let norm = (raw[0] * raw[0] + raw[1] * raw[1]).squareRoot()
        let t = raw.map { $0 / norm }
        let rotation: [Float] = [t[0], -t[1], 0, t[1], t[0], 0, 0, 0, 1]
        let translation: [Float] = [1, 0, -t[2], 0, 1, -t[3], 0, 0, 1]
        return Placement(raw: raw, norm: norm, rotation: rotation, translation: translation,
                         matrix: multiply3x3(multiply3x3(rotation, translation), transform))
    }

    /// One channel's transformed frequency, phase and band-limiting amplitude under the
    /// 3x3 feature transform `m`.
    struct Channel {
        let fx: Float, fy: Float, phase: Float
        /// `1 - (|f| - bandwidth) / (sampling_rate / 2 - bandwidth)` before clamping to [0, 1].
        let unclampedAmplitude: Float
        var amplitude: Float { min(max(unclampedAmplitude, 0), 1) }
    }

    func channel(_ c: Int, transform m: [Float]) -> Channel {
        let f0 = frequencies[2 * c], f1 = frequencies[2 * c + 1]
        let fx = f0 * m[0] + f1 * m[3]
        let fy = f0 * m[1] + f1 * m[4]
        let magnitude = (fx * fx + fy * fy).squareRoot()
        return Channel(fx: fx, fy: fy, phase: phases[c] + (f0 * m[2] + f1 * m[5]),
                       unclampedAmplitude: 1 - (magnitude - bandwidth) / (samplingRate / 2 - bandwidth))
    }

    /// Sample positions of `affine_grid(align_corners=False)` scaled by 0.5 * size / sampling_rate.
    var grid: [Float] {
        let scale = 0.5 * Float(size) / samplingRate
        return (0..<size).map { scale * (Float(2 * $0 + 1) / Float(size) - 1) }
    }

    /// Writes dense `[channels, size, size]` features for the w row `w`.
    /// `scratch` holds at least `channels * size * size` floats.
    func forward(w: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>) {
        let m = placement(w: w).matrix

        // Fourier features: sin(2 pi (grid . f' + phase')) * amplitude.
        let grid = self.grid
        let pixels = size * size
        for c in 0..<channels {
            let channel = channel(c, transform: m)
            let (fx, fy, phase, amplitude) = (channel.fx, channel.fy, channel.phase, channel.amplitude)
            let plane = scratch + c * pixels
            for y in 0..<size {
                let rowPhase = grid[y] * fy
                for x in 0..<size {
                    let argument = (grid[x] * fx + rowPhase) + phase
                    plane[y * size + x] = sin(argument * (2 * Float.pi)) * amplitude
                }
            }
        }
        mixing.withUnsafeBufferPointer { a in
            sgemm(m: channels, n: pixels, k: channels, a: a.baseAddress!, lda: channels,
                  b: scratch, ldb: pixels, c: output, ldc: pixels)
        }
    }

    func multiply3x3(_ a: [Float], _ b: [Float]) -> [Float] {
        var result = [Float](repeating: 0, count: 9)
        for row in 0..<3 {
            for column in 0..<3 {
                var sum: Float = 0
                for k in 0..<3 { sum += a[row * 3 + k] * b[k * 3 + column] }
                result[row * 3 + column] = sum
            }
        }
        return result
    }
}

import BLAS
import Foundation

extension StyleGAN3Input {
    /// dL/dw for the input's w row, given dL/d(features) `[channels, size, size]`: back
    /// through the mixing matrix, the sines, the band-limiting amplitudes, the transformed
    /// frequencies and phases, the rotation and translation, and the normalised affine of w.
    func wGradient(w: UnsafePointer<Float>, outputGradient: [Float]) -> [Float] {
        let pixels = size * size
        precondition(outputGradient.count == channels * pixels, "input gradient has the wrong size")
        var featureGradient = [Float](repeating: 0, count: channels * pixels)
        mixing.withUnsafeBufferPointer { a in
            sgemm(transposeA: true, m: channels, n: pixels, k: channels, a: a.baseAddress!, lda: channels,
                  b: outputGradient, ldb: pixels, c: &featureGradient, ldc: pixels)
        }

        let placement = placement(w: w)
        let (raw, norm, m) = (placement.raw, placement.norm, placement.matrix)

        // dL/dm, the 3x3 feature transform, summed over channels and pixels in Double.
        var transformGradient = [Double](repeating: 0, count: 9)
        let grid = self.grid.map(Double.init)
        let twoPi = 2 * Double.pi
        for c in 0..<channels {
            let channel = channel(c, transform: m)
            let (fx, fy, phase, amplitude) = (channel.fx, channel.fy, channel.phase, channel.amplitude)
            var dfx = 0.0, dfy = 0.0, dPhase = 0.0, dAmplitude = 0.0
            let plane = c * pixels
            for y in 0..<size {
                let rowPhase = grid[y] * Double(fy)
                for x in 0..<size {
                    let g = Double(featureGradient[plane + y * size + x])
                    let angle = ((grid[x] * Double(fx) + rowPhase) + Double(phase)) * twoPi
                    dAmplitude += g * sin(angle)
                    let dArgument = g * Double(amplitude) * cos(angle) * twoPi
                    dfx += dArgument * grid[x]
                    dfy += dArgument * grid[y]
                    dPhase += dArgument
                }
            }
            // The amplitude depends on |f'| only where it is not clamped to 0 or 1.
            if channel.unclampedAmplitude > 0, channel.unclampedAmplitude < 1 {
                let magnitude = (Double(fx) * Double(fx) + Double(fy) * Double(fy)).squareRoot()
                let dMagnitude = -dAmplitude / Double(samplingRate / 2 - bandwidth)
                if magnitude > 0 {
                    dfx += dMagnitude * Double(fx) / magnitude
                    dfy += dMagnitude * Double(fy) / magnitude
                }
            }
            // fx = f0 m0 + f1 m3, fy = f0 m1 + f1 m4, phase' = phase + f0 m2 + f1 m5.
            let f0 = Double(frequencies[2 * c]), f1 = Double(frequencies[2 * c + 1])
            transformGradient[0] += dfx * f0
            transformGradient[3] += dfx * f1
            transformGradient[1] += dfy * f0
            transformGradient[4] += dfy * f1
            transformGradient[2] += dPhase * f0
            transformGradient[5] += dPhase * f1
        }

        // m = (R T) U: d(RT) = dm U^T; dR = d(RT) T^T; dT = R^T d(RT).
        let dm = transformGradient.map { Float($0) }
        let dRotationTranslation = multiply3x3(dm, transposed3x3(transform))
        let dRotation = multiply3x3(dRotationTranslation, transposed3x3(placement.translation))
        let dTranslation = multiply3x3(transposed3x3(placement.rotation), dRotationTranslation)
        // R = [t0 -t1 0; t1 t0 0; 0 0 1], T = [1 0 -t2; 0 1 -t3; 0 0 1].
        let dt: [Float] = [dRotation[0] + dRotation[4], dRotation[3] - dRotation[1], -dTranslation[2], -dTranslation[5]]
        // t = raw / |raw[0..<2]|.
        let projection = (0..<4).reduce(Float(0)) { $0 + dt[$1] * raw[$1] }
        let dRaw = (0..<4).map { i in dt[i] / norm - (i < 2 ? raw[i] * projection / (norm * norm * norm) : 0) }
        var wGradient = [Float](repeating: 0, count: wDim)
        affineWeight.withUnsafeBufferPointer { a in
            sgemv(transposeA: true, m: 4, n: wDim, a: a.baseAddress!, lda: wDim, x: dRaw, y: &wGradient)
        }
        return wGradient
    }

    private func transposed3x3(_ a: [Float]) -> [Float] {
        (0..<9).map { a[($0 % 3) * 3 + $0 / 3] }
    }
}

import Foundation

/// The low-pass filters StyleGAN3 layers store as `up_filter` / `down_filter`, designed the way
/// the NVlabs constructor designs them. Loaded models carry their own filters; these are only
/// needed to build a model from scratch (random weights for benchmarks).
///
/// Facts used: a Kaiser-windowed sinc (`scipy.signal.firwin(numtaps, cutoff, width, fs)`)
/// whose window beta follows Kaiser's empirical formulas for the attenuation that `numtaps`
/// and the transition `width` allow, normalised to unit DC gain; and for config R a radially
/// symmetric jinc filter windowed by the outer product of the same Kaiser window.
enum StyleGAN3FilterDesign {
    /// Separable Kaiser low-pass filter, `numtaps` taps; nil for the identity (`numtaps == 1`).
    static func lowpass(numtaps: Int, cutoff: Double, width: Double, samplingRate: Double) -> [Float]? {
        guard numtaps > 1 else { return nil }
        let nyquist = samplingRate / 2
        let window = kaiserWindow(count: numtaps, beta: kaiserBeta(numtaps: numtaps, width: width / nyquist))
        let center = Double(numtaps - 1) / 2
        let normalizedCutoff = cutoff / nyquist
        var taps = (0..<numtaps).map { n -> Double in
            normalizedCutoff * sinc(normalizedCutoff * (Double(n) - center)) * window[n]
        }
        let sum = taps.reduce(0, +)
        taps = taps.map { $0 / sum }
        return taps.map(Float.init)
    }

    /// Radially symmetric jinc low-pass filter, `numtaps x numtaps` row-major.
    static func radialLowpass(numtaps: Int, cutoff: Double, width: Double, samplingRate: Double) -> [Float]? {
        guard numtaps > 1 else { return nil }
        let window = kaiserWindow(count: numtaps, beta: kaiserBeta(numtaps: numtaps, width: width / (samplingRate / 2)))
        let positions = (0..<numtaps).map { (Double($0) - Double(numtaps - 1) / 2) / samplingRate }
        var taps = [Double](repeating: 0, count: numtaps * numtaps)
        for y in 0..<numtaps {
            for x in 0..<numtaps {
                let r = (positions[x] * positions[x] + positions[y] * positions[y]).squareRoot()
                // jinc: J1(2 pi fc r) / (pi r), whose limit at r = 0 is fc.
                let jinc = r == 0 ? cutoff : j1(2 * cutoff * Double.pi * r) / (Double.pi * r)
                taps[y * numtaps + x] = jinc * window[x] * window[y]
            }
        }
        let sum = taps.reduce(0, +)
        return taps.map { Float($0 / sum) }
    }

    /// Kaiser's beta for the stopband attenuation a filter of `numtaps` taps reaches with a
    /// transition band `width` (as a fraction of Nyquist).
    static func kaiserBeta(numtaps: Int, width: Double) -> Double {
        let attenuation = 2.285 * Double(numtaps - 1) * Double.pi * width + 7.95
        if attenuation > 50 { return 0.1102 * (attenuation - 8.7) }
        if attenuation > 21 { return 0.5842 * pow(attenuation - 21, 0.4) + 0.07886 * (attenuation - 21) }
        return 0
    }

    static func kaiserWindow(count: Int, beta: Double) -> [Double] {
        guard count > 1 else { return [1] }
        let alpha = Double(count - 1) / 2
        return (0..<count).map { n in
            let ratio = (Double(n) - alpha) / alpha
            return besselI0(beta * max(0, 1 - ratio * ratio).squareRoot()) / besselI0(beta)
        }
    }

    /// Modified Bessel function of the first kind, order 0, by its power series
    /// (converges quickly for the betas a Kaiser window uses).
    static func besselI0(_ x: Double) -> Double {
        var sum = 1.0, term = 1.0, k = 1.0
        let quarterSquare = x * x / 4
        while term > sum * 1e-17 {
            term *= quarterSquare / (k * k)
            sum += term
            k += 1
        }
        return sum
    }

    static func sinc(_ x: Double) -> Double {
        x == 0 ? 1 : sin(Double.pi * x) / (Double.pi * x)
    }
}

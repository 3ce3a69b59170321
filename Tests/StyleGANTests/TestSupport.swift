// Helpers shared by the engine's tests.

/// (max |a - b|, max |b|).
func maxError(_ values: [Float], _ reference: [Float]) -> (Float, Float) {
    precondition(values.count == reference.count, "compared arrays differ in size")
    var error: Float = 0, scale: Float = 0
    for (a, b) in zip(values, reference) {
        error = max(error, abs(a - b))
        if !a.isFinite { error = .infinity }
        scale = max(scale, abs(b))
    }
    return (error, scale)
}

/// A small StyleGAN2 configuration for tests; `extra` is spliced into the JSON.
func tinyKwargs(resolution: Int = 8, channels: Int = 3, cDim: Int = 0, mapping: String = #""num_layers": 2"#,
                extra: String = "") -> String {
    #"{"z_dim": 16, "c_dim": \#(cDim), "w_dim": 16, "img_resolution": \#(resolution), "img_channels": \#(channels), "# +
    #""mapping_kwargs": {\#(mapping)}, "channel_base": 128, "channel_max": 16\#(extra)}"#
}

/// upfirdn2d with the 2-D filter outer(f, f) / sum^2: zero-stuff, pad, true convolution, gain.
func directUpFIRDn(_ x: [Float], size n: Int, filter f: [Float], up: Int, pad0: Int, pad1: Int, gain: Float) -> [Float] {
    let sum = f.reduce(0, +), taps = f.count
    let padded = n * up + pad0 + pad1, out = padded - taps + 1
    var big = [Float](repeating: 0, count: padded * padded)
    for y in 0..<n { for xx in 0..<n { big[(y * up + pad0) * padded + xx * up + pad0] = x[y * n + xx] } }
    var y = [Float](repeating: 0, count: out * out)
    for oy in 0..<out { for ox in 0..<out { for a in 0..<taps { for b in 0..<taps {
        y[oy * out + ox] += big[(oy + a) * padded + ox + b] * f[taps - 1 - a] * f[taps - 1 - b] / (sum * sum) * gain
    } } } }
    return y
}

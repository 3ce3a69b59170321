extension SeparableUpFIRDn {
    /// `apply` on each of `channels` square planes of side `size`.
    func planes(_ input: [Float], channels: Int, size: Int) -> [Float] {
        let outSize = outputLength(size)
        var output = [Float](repeating: 0, count: channels * outSize * outSize)
        var scratch = [Float](repeating: 0, count: scratchCount(height: size, width: size))
        input.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                for c in 0..<channels {
                    apply(x.baseAddress! + c * size * size, height: size, width: size,
                          into: y.baseAddress! + c * outSize * outSize, scratch: &scratch)
                }
            }
        }
        return output
    }

    /// The transpose of `apply`: a gradient on the `[outputLength(height), outputLength(width)]`
    /// output spread onto the `[height, width]` input (overwritten). `rowPass` holds
    /// `height * outputLength(width)` floats.
    func applyAdjoint(_ gradient: UnsafePointer<Float>, height: Int, width: Int,
                      into input: UnsafeMutablePointer<Float>, rowPass: UnsafeMutablePointer<Float>) {
        let outWidth = outputLength(width), outHeight = outputLength(height)
        rowPass.update(repeating: 0, count: height * outWidth)
        input.update(repeating: 0, count: height * width)
        taps.withUnsafeBufferPointer { f in
            for y in 0..<outHeight {
                let source = gradient + y * outWidth
                for t in 0..<f.count {
                    let m = y + t - padBefore
                    guard m >= 0, m % up == 0, m / up < height else { continue }
                    let target = rowPass + (m / up) * outWidth
                    let weight = f[t]
                    for x in 0..<outWidth { target[x] += weight * source[x] }
                }
            }
            for y in 0..<height {
                let source = rowPass + y * outWidth
                let target = input + y * width
                if up == 1 {
                    // Tap by tap over whole rows, so the inner loop runs along memory.
                    for t in 0..<f.count {
                        let weight = f[t], shift = t - padBefore
                        for x in max(0, -shift) ..< min(outWidth, width - shift) { target[x + shift] += weight * source[x] }
                    }
                    continue
                }
                for x in 0..<outWidth {
                    let g = source[x]
                    for t in 0..<f.count {
                        let m = x + t - padBefore
                        if m >= 0, m % up == 0, m / up < width { target[m / up] += f[t] * g }
                    }
                }
            }
        }
    }

    /// `applyAdjoint` on each of `channels` square planes whose input side is `size`.
    func adjointPlanes(_ gradient: [Float], channels: Int, size: Int) -> [Float] {
        let outSize = outputLength(size)
        var input = [Float](repeating: 0, count: channels * size * size)
        var rowPass = [Float](repeating: 0, count: size * outSize)
        gradient.withUnsafeBufferPointer { g in
            input.withUnsafeMutableBufferPointer { x in
                for c in 0..<channels {
                    applyAdjoint(g.baseAddress! + c * outSize * outSize, height: size, width: size,
                                 into: x.baseAddress! + c * size * size, rowPass: &rowPass)
                }
            }
        }
        return input
    }
}

extension SeparableUpFIRDn {
    /// `apply` on each of `channels` planes of `height` x `width`.
    func planes(_ input: [Float], channels: Int, height: Int, width: Int) -> [Float] {
        let outPlane = outputLength(height) * outputLength(width), inPlane = height * width
        var output = [Float](repeating: 0, count: channels * outPlane)
        var scratch = [Float](repeating: 0, count: scratchCount(height: height, width: width))
        input.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                for c in 0..<channels {
                    apply(x.baseAddress! + c * inPlane, height: height, width: width,
                          into: y.baseAddress! + c * outPlane, scratch: &scratch)
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

    /// `applyAdjoint` on each of `channels` planes whose input is `height` x `width`.
    func adjointPlanes(_ gradient: [Float], channels: Int, height: Int, width: Int) -> [Float] {
        let outPlane = outputLength(height) * outputLength(width), inPlane = height * width
        var input = [Float](repeating: 0, count: channels * inPlane)
        var rowPass = [Float](repeating: 0, count: height * outputLength(width))
        gradient.withUnsafeBufferPointer { g in
            input.withUnsafeMutableBufferPointer { x in
                for c in 0..<channels {
                    applyAdjoint(g.baseAddress! + c * outPlane, height: height, width: width,
                                 into: x.baseAddress! + c * inPlane, rowPass: &rowPass)
                }
            }
        }
        return input
    }
}

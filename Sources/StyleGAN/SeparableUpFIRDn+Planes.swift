extension SeparableUpFIRDn {
    /// `apply` on each of `channels` planes of `height` x `width`.
    func planes(_ input: [Float], channels: Int, height: Int, width: Int) -> [Float] {
        Self.eachPlane(of: input, channels: channels, inPlane: height * width, outPlane: outputLength(height) * outputLength(width),
                       scratch: scratchCount(height: height, width: width)) { x, y, scratch in
            apply(x, height: height, width: width, into: y, scratch: scratch)
        }
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
                    guard let row = inputIndex(output: y, tap: t, inputLength: height) else { continue }
                    let target = rowPass + row * outWidth
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
                        if let column = inputIndex(output: x, tap: t, inputLength: width) { target[column] += f[t] * g }
                    }
                }
            }
        }
    }

    /// `applyAdjoint` on each of `channels` planes whose input is `height` x `width`.
    func adjointPlanes(_ gradient: [Float], channels: Int, height: Int, width: Int) -> [Float] {
        Self.eachPlane(of: gradient, channels: channels, inPlane: outputLength(height) * outputLength(width), outPlane: height * width,
                       scratch: height * outputLength(width)) { g, x, rowPass in
            applyAdjoint(g, height: height, width: width, into: x, rowPass: rowPass)
        }
    }

    /// `body(source plane, target plane, scratch)` for each of `channels` planes of `planes`
    /// (`inPlane` floats each), into a new array of `outPlane` floats a plane; the scratch
    /// (`scratch` floats) is shared.
    private static func eachPlane(of planes: [Float], channels: Int, inPlane: Int, outPlane: Int, scratch count: Int,
                                  _ body: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) -> Void) -> [Float] {
        var output = [Float](repeating: 0, count: channels * outPlane)
        var scratch = [Float](repeating: 0, count: count)
        planes.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                scratch.withUnsafeMutableBufferPointer { s in
                    for c in 0..<channels {
                        body(x.baseAddress! + c * inPlane, y.baseAddress! + c * outPlane, s.baseAddress!)
                    }
                }
            }
        }
        return output
    }
}

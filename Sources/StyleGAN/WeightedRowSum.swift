/// `destination[x] = sum over t of coefficients[t] * (base + rows[t] * stride)[x]` for
/// `x < width`: the one inner loop of the separable filters (StyleGAN2's `SeparableUpFIRDn`,
/// StyleGAN3's resampler and radial downsampler).
///
/// Each block of outputs is accumulated in registers across all terms and stored once,
/// instead of reading and writing the destination once per term. Every lane sums its terms in
/// the same order whichever block width handles it, so results do not depend on the width.
@inline(__always)
func weightedRowSum(base: UnsafePointer<Float>, stride: Int, rows: UnsafePointer<Int>,
                             coefficients: UnsafePointer<Float>, terms: Int, width: Int,
                             into destination: UnsafeMutablePointer<Float>) {
    guard terms > 0 else {
        destination.update(repeating: 0, count: width)
        return
    }
    typealias Block = SIMD16<Float>
    let lanes = Block.scalarCount
    @inline(__always)
    func load(_ t: Int, _ x: Int) -> Block {
        UnsafeRawPointer(base + rows[t] * stride + x).loadUnaligned(as: Block.self)
    }
    @inline(__always)
    func store(_ sum: Block, _ x: Int) {
        UnsafeMutableRawPointer(destination + x).storeBytes(of: sum, as: Block.self)
    }
    var x = 0
    // Four blocks at a time: four independent chains of adds, so the loop is not bound by the
    // latency of one accumulator (each add waits for the last), and each term's row address
    // and coefficient are loaded once for 64 outputs.
    while x + 4 * lanes <= width {
        var sum0 = Block(repeating: 0), sum1 = sum0, sum2 = sum0, sum3 = sum0
        for t in 0..<terms {
            let c = coefficients[t]
            sum0 += c * load(t, x)
            sum1 += c * load(t, x + lanes)
            sum2 += c * load(t, x + 2 * lanes)
            sum3 += c * load(t, x + 3 * lanes)
        }
        store(sum0, x)
        store(sum1, x + lanes)
        store(sum2, x + 2 * lanes)
        store(sum3, x + 3 * lanes)
        x += 4 * lanes
    }
    while x + lanes <= width {
        var sum = Block(repeating: 0)
        for t in 0..<terms { sum += coefficients[t] * load(t, x) }
        store(sum, x)
        x += lanes
    }
    // Short rows (Winograd tile rows are 40-70 wide) leave long tails: take them 4 at a time.
    typealias Quad = SIMD4<Float>
    while x + Quad.scalarCount <= width {
        var sum = Quad(repeating: 0)
        for t in 0..<terms {
            let source = UnsafeRawPointer(base + rows[t] * stride + x)
            sum += coefficients[t] * source.loadUnaligned(as: Quad.self)
        }
        UnsafeMutableRawPointer(destination + x).storeBytes(of: sum, as: Quad.self)
        x += Quad.scalarCount
    }
    while x < width {
        var sum: Float = 0
        for t in 0..<terms { sum += coefficients[t] * base[rows[t] * stride + x] }
        destination[x] = sum
        x += 1
    }
}

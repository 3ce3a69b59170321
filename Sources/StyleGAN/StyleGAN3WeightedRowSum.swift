/// `destination[x] = sum over t of coefficients[t] * (base + rows[t] * stride)[x]` for
/// `x < width`: the one inner loop of StyleGAN3's filters and Winograd transforms.
///
/// Each block of 16 outputs is accumulated in registers across all terms and stored once,
/// instead of reading and writing the destination once per term.
@inline(__always)
func styleGAN3WeightedRowSum(base: UnsafePointer<Float>, stride: Int, rows: UnsafePointer<Int>,
                             coefficients: UnsafePointer<Float>, terms: Int, width: Int,
                             into destination: UnsafeMutablePointer<Float>) {
    guard terms > 0 else {
        destination.update(repeating: 0, count: width)
        return
    }
    typealias Block = SIMD16<Float>
    let lanes = Block.scalarCount
    var x = 0
    while x + lanes <= width {
        var sum = Block(repeating: 0)
        for t in 0..<terms {
            let source = UnsafeRawPointer(base + rows[t] * stride + x)
            sum += coefficients[t] * source.loadUnaligned(as: Block.self)
        }
        UnsafeMutableRawPointer(destination + x).storeBytes(of: sum, as: Block.self)
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

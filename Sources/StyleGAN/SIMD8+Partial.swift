/// Loads and stores of the first `count` lanes, for the ragged end of a row the SIMD passes walk
/// eight values at a time (Winograd's weight transform, the StyleGAN2 epilogue's reverse).
extension SIMD8<Float> {
    /// The first `count` (at most 8) values at `source`, zeros after them.
    @inline(__always)
    init(_ source: UnsafePointer<Float>, _ count: Int) {
        if count == Self.scalarCount {
            self = UnsafeRawPointer(source).loadUnaligned(as: Self.self)
        } else {
            self = .zero
            for i in 0..<count { self[i] = source[i] }
        }
    }

    /// Writes the first `count` (at most 8) values to `target`.
    @inline(__always)
    func store(to target: UnsafeMutablePointer<Float>, _ count: Int) {
        if count == Self.scalarCount {
            UnsafeMutableRawPointer(target).storeBytes(of: self, as: Self.self)
        } else {
            for i in 0..<count { target[i] = self[i] }
        }
    }
}

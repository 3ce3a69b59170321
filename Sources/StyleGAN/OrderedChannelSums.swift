/// Sums over each channel's plane with every channel's terms added in index order, from zero,
/// as a plain loop does, so the sums match it bit for bit. A plain loop waits on each addition
/// before the next (the order forbids vectorising along the plane); here four channels run side
/// by side in one SIMD register, so their additions overlap, and channel groups spread over the
/// cores.
enum OrderedChannelSums {
    static let lanes = 4
    /// Terms are written and summed this many indices at a time, in a buffer that stays in L1.
    static let chunk = 256

    /// For each channel c in 0..<channels, the `sums` running sums over i in 0..<count of the
    /// terms `terms(c, range, rows)` writes: term s of index i at `rows[s * chunk + i - range.lowerBound]`,
    /// for the indices of `range` (one chunk). `terms` may also write other outputs of its
    /// channel. Returns `[sums][channels]`.
    static func sums(channels: Int, count: Int, sums: Int,
                     terms: (_ channel: Int, _ range: Range<Int>, _ rows: UnsafeMutablePointer<Float>) -> Void) -> [[Float]] {
        let groups = (channels + lanes - 1) / lanes
        var result = [[Float]](repeating: [Float](repeating: 0, count: channels), count: sums)
        var perGroup = [SIMD4<Float>](repeating: .zero, count: groups * sums)
        perGroup.withUnsafeMutableBufferPointer { perGroup in
            parallelFor(groups, work: channels * count * (sums + 1)) { group in
                let first = group * lanes, members = min(lanes, channels - first), rowCount = sums * chunk
                withUnsafeTemporaryAllocation(of: Float.self, capacity: lanes * rowCount) { buffer in
                    let rows = buffer.baseAddress!
                    // Missing lanes of the last group add zeros.
                    rows.update(repeating: 0, count: lanes * rowCount)
                    var start = 0
                    while start < count {
                        let range = start ..< min(start + chunk, count)
                        for lane in 0..<members { terms(first + lane, range, rows + lane * rowCount) }
                        for s in 0..<sums {
                            let r0 = rows + s * chunk, r1 = r0 + rowCount, r2 = r1 + rowCount, r3 = r2 + rowCount
                            var total = perGroup[group * sums + s]
                            for i in 0..<range.count { total += SIMD4(r0[i], r1[i], r2[i], r3[i]) }
                            perGroup[group * sums + s] = total
                        }
                        start = range.upperBound
                    }
                }
            }
        }
        for group in 0..<groups {
            for lane in 0..<min(lanes, channels - group * lanes) {
                for s in 0..<sums { result[s][group * lanes + lane] = perGroup[group * sums + s][lane] }
            }
        }
        return result
    }
}

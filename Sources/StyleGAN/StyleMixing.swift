extension Latent {
    /// Style mixing: the chosen rows (layers) taken from `other`, or with `weight` < 1 moved that
    /// far toward it (w = (1 - weight) * self + weight * other); other rows unchanged.
    public func mixing(rows: [Int], from other: Latent, weight: Float = 1) throws -> Latent {
        guard other.numWs == numWs, other.wDim == wDim else {
            throw GeneratorError(reason: "cannot mix ws of \(other.numWs) x \(other.wDim) into ws of \(numWs) x \(wDim)")
        }
        guard weight.isFinite else { throw GeneratorError(reason: "mixing weight must be a finite number") }
        var mixed = self
        for row in rows {
            guard (0..<numWs).contains(row) else {
                throw GeneratorError(reason: "style row \(row) is out of range; this model has rows 0...\(numWs - 1)")
            }
            for j in 0..<wDim {
                mixed[row, j] = weight == 1 ? other[row, j] : (1 - weight) * self[row, j] + weight * other[row, j]
            }
        }
        return mixed
    }
}

/// Latent ws: `numWs` rows of `wDim` values, one row per synthesis layer input.
public struct Latent: Sendable, Equatable {
    public let numWs: Int
    public let wDim: Int
    /// Row-major `[numWs, wDim]`.
    public var values: [Float]

    public init(numWs: Int, wDim: Int, values: [Float]) {
        precondition(values.count == numWs * wDim, "latent values do not fill \(numWs) x \(wDim)")
        self.numWs = numWs
        self.wDim = wDim
        self.values = values
    }

    /// One w repeated for every row, as the mapping network broadcasts it.
    public init(broadcasting w: [Float], numWs: Int) {
        self.init(numWs: numWs, wDim: w.count, values: Array([[Float]](repeating: w, count: numWs).joined()))
    }

    public subscript(row: Int, column: Int) -> Float {
        get { values[row * wDim + column] }
        set { values[row * wDim + column] = newValue }
    }

    public func row(_ index: Int) -> ArraySlice<Float> { values[index * wDim ..< (index + 1) * wDim] }
}

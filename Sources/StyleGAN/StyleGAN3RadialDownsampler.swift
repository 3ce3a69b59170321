/// Filtering with a non-separable `taps x taps` filter (StyleGAN3-R's radial down filter) and
/// keeping every `factor`-th sample in both directions, computing only the kept samples.
///
/// The plane is first split into `factor^2` polyphase planes (`phase[p][q][i][j] =
/// plane[factor*i + p][factor*j + q]`); then every filter tap reads a contiguous run of one
/// phase plane for a whole output row, so each output row is one weighted sum of `taps^2`
/// shifted rows, accumulated in vector registers.
struct StyleGAN3RadialDownsampler: Sendable {
    let inputRows: Int
    let inputColumns: Int
    let factor: Int
    let outputRows: Int
    let outputColumns: Int
    let phaseRows: Int
    let phaseColumns: Int
    /// Offset of each tap's source relative to output row r's base (`r * phaseColumns`), and
    /// its weight (the filter flipped, as upfirdn2d convolves).
    let offsets: [Int]
    let weights: [Float]

    /// `filter` is row-major `taps x taps` and indexed like the plane (rows first).
    init(filter: [Float], taps: Int, factor: Int, inputRows: Int, inputColumns: Int) {
        self.inputRows = inputRows
        self.inputColumns = inputColumns
        self.factor = factor
        outputRows = max(0, (inputRows - taps + factor) / factor)
        outputColumns = max(0, (inputColumns - taps + factor) / factor)
        phaseRows = (inputRows + factor - 1) / factor
        phaseColumns = (inputColumns + factor - 1) / factor
        var offsets: [Int] = [], weights: [Float] = []
        for ky in 0..<taps {
            for kx in 0..<taps {
                let (a, p) = ky.quotientAndRemainder(dividingBy: factor)
                let (b, q) = kx.quotientAndRemainder(dividingBy: factor)
                offsets.append(((p * factor + q) * phaseRows + a) * phaseColumns + b)
                weights.append(filter[(taps - 1 - ky) * taps + (taps - 1 - kx)])
            }
        }
        self.offsets = offsets
        self.weights = weights
    }

    /// Floats of scratch `apply` needs for the phase planes.
    var scratchCount: Int { factor * factor * phaseRows * phaseColumns }

    /// Dense `inputRows x inputColumns` in, dense `outputRows x outputColumns` out.
    func apply(_ input: UnsafePointer<Float>, scratch phases: UnsafeMutablePointer<Float>,
               into output: UnsafeMutablePointer<Float>) {
        phases.update(repeating: 0, count: scratchCount)
        exchangePhases(plane: UnsafeMutablePointer(mutating: input), phases: phases, toPhases: true)
        offsets.withUnsafeBufferPointer { offsets in
            weights.withUnsafeBufferPointer { weights in
                for r in 0..<outputRows {
                    weightedRowSum(base: phases + r * phaseColumns, stride: 1, rows: offsets.baseAddress!,
                                   coefficients: weights.baseAddress!, terms: weights.count,
                                   width: outputColumns, into: output + r * outputColumns)
                }
            }
        }
    }

    /// Copies samples between a dense `inputRows x inputColumns` plane and its polyphase
    /// planes (`toPhases`: plane to phases, else back): the one place that knows the layout,
    /// shared by `apply` and its adjoint. Only the destination is written.
    func exchangePhases(plane: UnsafeMutablePointer<Float>, phases: UnsafeMutablePointer<Float>, toPhases: Bool) {
        for y in 0..<inputRows {
            let (i, p) = y.quotientAndRemainder(dividingBy: factor)
            let row = plane + y * inputColumns
            for q in 0..<factor {
                let phaseRow = phases + ((p * factor + q) * phaseRows + i) * phaseColumns
                var x = q, j = 0
                while x < inputColumns {
                    if toPhases { phaseRow[j] = row[x] } else { row[x] = phaseRow[j] }
                    x += factor
                    j += 1
                }
            }
        }
    }
}

import BLAS

/// 3x3 convolution (cross-correlation, as PyTorch's conv2d) by Winograd's minimal filtering
/// algorithm F(m x m, 3 x 3) (Lavin & Gray 2015): each m x m output tile costs alpha^2 = (m+2)^2
/// multiplies per input channel instead of 9 m^2. The alpha^2 elementwise products over input
/// channels are alpha^2 independent GEMMs `[out, in] x [in, tiles]`, run through OpenBLAS.
///
/// Kernels are transformed per image from the modulated taps (`U = G g G^T`, by the kernel
/// transform StyleGAN2 shares, `Winograd.transformWeights`), inputs per tile (`V = B^T d B`), and
/// products back (`Y = A^T M A`). The transforms run as whole-row vector operations: the
/// vertical half combines padded rows, the horizontal half works on rows de-interleaved by
/// tile phase so that every tile of a tile row is one vector lane.
struct StyleGAN3Winograd: Sendable {
    /// Output tile size m.
    let tile: Int
    /// Input tile size m + 2.
    let alpha: Int
    private let inputTransform: [[Double]]   // B^T, alpha x alpha
    private let outputTransform: [[Double]]  // A^T, m x alpha
    /// The nonzero entries of B^T and A^T, so the transforms skip the many zeros.
    private let inputTerms: StyleGAN3SparseRows
    private let outputTerms: StyleGAN3SparseRows

    /// F(4x4, 3x3): 36 products per 16 outputs (interpolation points 0, +-1, +-2, infinity).
    static let f4 = StyleGAN3Winograd(
        inputTransform: [
            [4, 0, -5, 0, 1, 0], [0, -4, -4, 1, 1, 0], [0, 4, -4, -1, 1, 0],
            [0, -2, -1, 2, 1, 0], [0, 2, -1, -2, 1, 0], [0, 4, 0, -5, 0, 1],
        ],
        outputTransform: [[1, 1, 1, 1, 1, 0], [0, 1, -1, 2, -2, 0], [0, 1, 1, 4, 4, 0], [0, 1, -1, 8, -8, 1]])

    private init(inputTransform: [[Double]], outputTransform: [[Double]]) {
        self.inputTransform = inputTransform
        self.outputTransform = outputTransform
        tile = outputTransform.count
        alpha = inputTransform.count
        inputTerms = StyleGAN3SparseRows(inputTransform)
        outputTerms = StyleGAN3SparseRows(outputTransform)
    }

    /// Tiling of an `height x width` input convolved with padding 2 (output `height + 2` square).
    struct Geometry {
        let tilesX: Int
        let tilesY: Int
        /// The zero-padded input plane: 2 zeros before, enough after to fill the last tile.
        let paddedWidth: Int
        let paddedHeight: Int
        /// Output planes: `tilesY * tile` rows of `outputRowStride` (= `tilesX * tile`) floats.
        let outputRowStride: Int
        let outputPlaneStride: Int
        /// Tile rows transformed and multiplied per step (bounds the scratch memory).
        let tileRowsPerChunk: Int
        var tilesPerChunk: Int { tileRowsPerChunk * tilesX }
    }

    /// - Parameter channels: the larger of the input and output channel counts.
    func geometry(height: Int, width: Int, channels: Int) -> Geometry {
        let tilesX = (width + 2 + tile - 1) / tile
        let tilesY = (height + 2 + tile - 1) / tile
        // Chunks of about 16 MiB of transformed input: large GEMMs (few calls), scratch that
        // stays near the last-level cache.
        let tilesPerChunk = (16 << 20) / (MemoryLayout<Float>.size * alpha * alpha * max(channels, 1))
        let rows = max(1, min(tilesY, tilesPerChunk / tilesX))
        return Geometry(tilesX: tilesX, tilesY: tilesY,
                        paddedWidth: tilesX * tile + 2, paddedHeight: tilesY * tile + 2,
                        outputRowStride: tilesX * tile, outputPlaneStride: tilesY * tile * tilesX * tile,
                        tileRowsPerChunk: rows)
    }

    /// Scratch floats for the transformed inputs and the products of one chunk.
    func scratchCount(geometry: Geometry, channels: Int) -> Int {
        alpha * alpha * channels * geometry.tilesPerChunk
    }

    /// Convolves padded input planes (`planeStride` apart) with transformed, modulated weights
    /// `[alpha^2][out][in]`.
    func convolve(padded: UnsafePointer<Float>, planeStride: Int, geometry: Geometry,
                  inChannels: Int, outChannels: Int, weights: UnsafePointer<Float>,
                  transformedInput: UnsafeMutablePointer<Float>, products: UnsafeMutablePointer<Float>,
                  output: UnsafeMutablePointer<Float>) {
        let padded = UnsafeMutablePointer(mutating: padded)
        let transformed = transformedInput
        let points = alpha * alpha
        for firstRow in stride(from: 0, to: geometry.tilesY, by: geometry.tileRowsPerChunk) {
            let rows = min(geometry.tileRowsPerChunk, geometry.tilesY - firstRow)
            let tiles = rows * geometry.tilesX
            parallelChunks(count: inChannels, valuesPerItem: points * tiles) { channels in
                transformInputs(padded: padded, planeStride: planeStride, geometry: geometry,
                                channels: channels, inChannels: inChannels, firstRow: firstRow, rows: rows,
                                into: transformed)
            }
            for point in 0..<points {
                sgemm(m: outChannels, n: tiles, k: inChannels,
                      a: weights + point * outChannels * inChannels, lda: inChannels,
                      b: transformed + point * inChannels * tiles, ldb: tiles,
                      c: products + point * outChannels * tiles, ldc: tiles)
            }
            parallelChunks(count: outChannels, valuesPerItem: points * tiles) { channels in
                transformOutputs(products: products, geometry: geometry, channels: channels,
                                 outChannels: outChannels, firstRow: firstRow, rows: rows, into: output)
            }
        }
    }

    /// `V = B^T d B` for every tile of tile rows `firstRow ..< firstRow + rows`, written as
    /// `[alpha^2][inChannels][tiles]`.
    private func transformInputs(padded: UnsafePointer<Float>, planeStride: Int, geometry: Geometry,
                                 channels: Range<Int>, inChannels: Int, firstRow: Int, rows: Int,
                                 into transformed: UnsafeMutablePointer<Float>) {
        let width = geometry.paddedWidth
        let tilesX = geometry.tilesX
        let tiles = rows * tilesX
        let vertical = UnsafeMutablePointer<Float>.allocate(capacity: width)
        // shifted[j][tx] = vertical[tx * tile + j]: sample j of every tile, as one vector.
        let shifted = UnsafeMutablePointer<Float>.allocate(capacity: alpha * tilesX)
        defer {
            vertical.deallocate()
            shifted.deallocate()
        }
        let terms = inputTerms
        for channel in channels {
            let plane = padded + channel * planeStride
            for row in 0..<rows {
                let top = plane + (firstRow + row) * tile * width
                for py in 0..<alpha {
                    // Vertical half: one combination of the tile row's alpha input rows.
                    terms.combine(row: py, base: top, stride: width, count: width, into: vertical)
                    for j in 0..<alpha {
                        let destination = shifted + j * tilesX
                        for tx in 0..<tilesX { destination[tx] = vertical[tx * tile + j] }
                    }
                    // Horizontal half, all tiles of the row at once.
                    for px in 0..<alpha {
                        let destination = transformed + ((py * alpha + px) * inChannels + channel) * tiles + row * tilesX
                        terms.combine(row: px, base: shifted, stride: tilesX, count: tilesX, into: destination)
                    }
                }
            }
        }
    }

    /// `Y = A^T M A` for every tile, written into the output planes.
    private func transformOutputs(products: UnsafePointer<Float>, geometry: Geometry, channels: Range<Int>,
                                  outChannels: Int, firstRow: Int, rows: Int,
                                  into output: UnsafeMutablePointer<Float>) {
        let tilesX = geometry.tilesX
        let tiles = rows * tilesX
        // horizontal[py][mx][tx], then result[my][mx][tx].
        let horizontal = UnsafeMutablePointer<Float>.allocate(capacity: alpha * tile * tilesX)
        let result = UnsafeMutablePointer<Float>.allocate(capacity: tile * tile * tilesX)
        defer {
            horizontal.deallocate()
            result.deallocate()
        }
        let terms = outputTerms
        for channel in channels {
            for row in 0..<rows {
                let first = products + channel * tiles + row * tilesX
                for py in 0..<alpha {
                    for mx in 0..<tile {
                        terms.combine(row: mx, base: first + py * alpha * outChannels * tiles,
                                      stride: outChannels * tiles, count: tilesX,
                                      into: horizontal + (py * tile + mx) * tilesX)
                    }
                }
                for my in 0..<tile {
                    for mx in 0..<tile {
                        terms.combine(row: my, base: horizontal + mx * tilesX, stride: tile * tilesX, count: tilesX,
                                      into: result + (my * tile + mx) * tilesX)
                    }
                }
                // Interleave the tiles back into image rows: row my of the tiles is the
                // transpose of result[my] ([mx][tx] -> [tx][mx]).
                let planeRow = output + channel * geometry.outputPlaneStride
                    + (firstRow + row) * tile * geometry.outputRowStride
                for my in 0..<tile {
                    transpose(result + my * tile * tilesX, rows: tile, columns: tilesX,
                                       into: planeRow + my * geometry.outputRowStride)
                }
            }
        }
    }
}

/// The nonzero entries of a small transform matrix, row by row, for combining vectors.
struct StyleGAN3SparseRows: Sendable {
    private let rowStart: [Int]
    private let columns: [Int]
    private let coefficients: [Float]

    init(_ matrix: [[Double]]) {
        var rowStart = [0], columns: [Int] = [], coefficients: [Float] = []
        for row in matrix {
            for (column, value) in row.enumerated() where value != 0 {
                columns.append(column)
                coefficients.append(Float(value))
            }
            rowStart.append(columns.count)
        }
        self.rowStart = rowStart
        self.columns = columns
        self.coefficients = coefficients
    }

    /// `destination[0..<count] = sum over nonzero (row, j) of coefficient * (base + j * stride)[0..<count]`.
    @inline(__always)
    func combine(row: Int, base: UnsafePointer<Float>, stride: Int, count: Int,
                 into destination: UnsafeMutablePointer<Float>) {
        let start = rowStart[row]
        columns.withUnsafeBufferPointer { columns in
            coefficients.withUnsafeBufferPointer { coefficients in
                styleGAN3WeightedRowSum(base: base, stride: stride, rows: columns.baseAddress! + start,
                                        coefficients: coefficients.baseAddress! + start,
                                        terms: rowStart[row + 1] - start, width: count, into: destination)
            }
        }
    }
}

import BLAS

/// Winograd F(4x4, 3x3) for the stride-1, padding-1 3x3 convolutions: each 4x4 output tile comes
/// from a 6x6 input tile with 36 multiplies per channel pair instead of 144, so the GEMM work
/// drops 4x. With M = U * V summed over input channels (one GEMM per each of the 36 tile
/// positions), the transforms are (Lavin & Gray 2015, interpolation points 0, +-1, +-2, inf):
///   weights U = G g G^T, input V = B^T d B, output Y = A^T M A.
enum Winograd {
    static let tile = 6, outputTile = 4, positions = 36

    /// U [36, Cout, Cin] from tap-major weights [9, Cout, Cin] (`TransposedConvolution.tapWeights`),
    /// written into `u`; with `flipped`, of the kernel turned by 180 degrees (tap k read as tap
    /// 8 - k), whose U read transposed is the transposed convolution's (the reverse mode).
    /// StyleGAN2 layers make theirs once at load; StyleGAN3's modulated weights and the reverse
    /// mode's are transformed for every image: with the taps' unit-stride layout this is a
    /// streaming pass of ~90 flops per channel pair, eight pairs per SIMD vector, split over the
    /// workers. Every pair is computed alone.
    static func transformWeights(taps: UnsafePointer<Float>, pairs: Int, flipped: Bool = false,
                                 into u: UnsafeMutablePointer<Float>, workers: Int) {
        typealias Lanes = SIMD8<Float>
        let lanes = Lanes.scalarCount
        let groups = (pairs + lanes - 1) / lanes
        parallelFor(workers, work: positions * pairs) { worker in
            for group in groups * worker / workers ..< groups * (worker + 1) / workers {
                let p = group * lanes, valid = min(lanes, pairs - p)
                func load(_ k: Int) -> Lanes { Lanes(taps + (flipped ? 8 - k : k) * pairs + p, valid) }
                func store(_ position: Int, _ v: Lanes) { v.store(to: u + position * pairs + p, valid) }
                func store(row r: Int, _ values: (Lanes, Lanes, Lanes, Lanes, Lanes, Lanes)) {
                    store(r * tile, values.0); store(r * tile + 1, values.1); store(r * tile + 2, values.2)
                    store(r * tile + 3, values.3); store(r * tile + 4, values.4); store(r * tile + 5, values.5)
                }
                // G g: G applied to each column of the 3x3 kernel; then G along each row of that.
                let c0 = kernelTransform(load(0), load(3), load(6))
                let c1 = kernelTransform(load(1), load(4), load(7))
                let c2 = kernelTransform(load(2), load(5), load(8))
                store(row: 0, kernelTransform(c0.0, c1.0, c2.0))
                store(row: 1, kernelTransform(c0.1, c1.1, c2.1))
                store(row: 2, kernelTransform(c0.2, c1.2, c2.2))
                store(row: 3, kernelTransform(c0.3, c1.3, c2.3))
                store(row: 4, kernelTransform(c0.4, c1.4, c2.4))
                store(row: 5, kernelTransform(c0.5, c1.5, c2.5))
            }
        }
    }

    /// G applied to three values (a row or a column of a 3x3 kernel), G's rows being
    /// [1/4, 0, 0], [-1/6, -1/6, -1/6], [-1/6, 1/6, -1/6], [1/24, 1/12, 1/6], [1/24, -1/12, 1/6], [0, 0, 1].
    @inline(__always)
    static func kernelTransform<V: SIMD>(_ g0: V, _ g1: V, _ g2: V) -> (V, V, V, V, V, V) where V.Scalar == Float {
        let outer = (g0 + g2) * (-1.0 / 6), middle = g1 * (1.0 / 6)
        let weighted = g0 * (1.0 / 24) + g2 * (1.0 / 6), half = g1 * (1.0 / 12)
        return (g0 * 0.25, outer - middle, outer + middle, weighted + half, weighted - half, g2)
    }

    /// Per-worker scratch floats for an n x n input: six padded rows and one row split by phase
    /// (input transform), or 4 x 6 rows of tiles (output transform).
    static func rowScratch(width n: Int) -> Int { tile * (n + 2) + outputTile * (n / outputTile + 1) }

    /// Whether whole 4x4 output tiles cover a height x width plane.
    static func covers(height: Int, width: Int) -> Bool {
        height % outputTile == 0 && width % outputTile == 0 && min(height, width) > 0
    }

    /// Floats of transformed tiles (or products) per band for StyleGAN2: about 2 MiB, which keeps
    /// the wide planes' tiles and products in cache between the transforms and the GEMMs
    /// (sg2-256's 128x128 and 256x256 layers 5-25% faster than with 8 MiB bands), but never
    /// fewer floats than the layer's transformed weights, which every band's GEMMs pack again
    /// (sg2-256's 32x32 x 512 channel layer in two bands instead of one: 25% slower), nor less
    /// than one tile row.
    static func bandCapacity(inChannels: Int, outChannels: Int, width: Int) -> Int {
        max(1 << 19, positions * inChannels * outChannels, positions * max(inChannels, outChannels) * (width / outputTile))
    }

    /// Tile rows per band so that one band's transformed tiles stay within `capacity` floats.
    static func bandTileRows(channels: Int, height: Int, width: Int, capacity: Int) -> Int {
        let tilesX = width / outputTile
        return max(1, min(height / outputTile, capacity / (positions * channels * tilesX)))
    }

    /// Tile rows per band so that a band's transformed tiles fit `tileCapacity` floats and its
    /// products `productCapacity`.
    static func bandTileRows(inChannels: Int, outChannels: Int, height: Int, width: Int,
                             tileCapacity: Int, productCapacity: Int) -> Int {
        min(bandTileRows(channels: inChannels, height: height, width: width, capacity: tileCapacity),
            bandTileRows(channels: outChannels, height: height, width: width, capacity: productCapacity))
    }

    /// B^T applied to six values (a row or a column of a 6x6 tile).
    @inline(__always)
    static func inputTransform(_ d0: Float, _ d1: Float, _ d2: Float, _ d3: Float, _ d4: Float, _ d5: Float)
        -> (Float, Float, Float, Float, Float, Float) {
        (4 * d0 - 5 * d2 + d4,
         -4 * (d1 + d2) + d3 + d4,
         4 * (d1 - d2) - d3 + d4,
         2 * (d3 - d1) - d2 + d4,
         2 * (d1 - d3) - d2 + d4,
         4 * d1 - 5 * d3 + d5)
    }

    /// A^T applied to six values.
    @inline(__always)
    static func outputTransform(_ m0: Float, _ m1: Float, _ m2: Float, _ m3: Float, _ m4: Float, _ m5: Float)
        -> (Float, Float, Float, Float) {
        let sum12 = m1 + m2, diff12 = m1 - m2, sum34 = m3 + m4, diff34 = m3 - m4
        return (m0 + sum12 + sum34, diff12 + 2 * diff34, sum12 + 4 * sum34, diff12 + 8 * diff34 + m5)
    }

    /// Where the input's dense `rows x columns` planes sit in the `height x width` plane that is
    /// convolved: from row and column `offset` on, zeros around them. StyleGAN3 reads its layer
    /// input this way instead of copying it into zero-padded planes first.
    struct Inset {
        let rows: Int
        let columns: Int
        let offset: Int
    }

    /// out[Cout, height, width] = conv3x3(x * inputScale[c]) with the transformed weights `u`,
    /// [36, Cout, Cin], or [36, Cin, Cout] read transposed when `transposedWeights`.
    /// `input` is `[Cin, height, width]`, or `[Cin, inset.rows, inset.columns]` placed by `inset`.
    /// `tiles` holds `tileCapacity` floats, at least one tile row of 36 * Cin * width/4, and
    /// `products` `productCapacity`, at least 36 * Cout * width/4; the bands are as tall as both
    /// allow. `rows` holds `workers * rowScratch(width)` floats.
    /// Height and width must be multiples of 4. `finish(o, first, count)` runs on
    /// output channel o's values first ..< first + count (four whole rows) as soon as they are
    /// written, while they are still in cache: a layer's activation then costs no pass of its own.
    static func convolve(input: UnsafePointer<Float>, inChannels: Int, height: Int, width n: Int, inset: Inset? = nil,
                         inputScale: [Float],
                         u: UnsafePointer<Float>, transposedWeights: Bool = false, outChannels: Int,
                         output: UnsafeMutablePointer<Float>,
                         tiles: UnsafeMutablePointer<Float>, products: UnsafeMutablePointer<Float>,
                         tileCapacity: Int, productCapacity: Int,
                         rows: UnsafeMutablePointer<Float>, workers: Int,
                         finish: (_ channel: Int, _ first: Int, _ count: Int) -> Void = { _, _, _ in }) {
        precondition(covers(height: height, width: n), "Winograd needs sides that are multiples of 4")
        let inset = inset ?? Inset(rows: height, columns: n, offset: 0)
        precondition(inset.offset >= 0 && inset.offset + inset.rows <= height && inset.offset + inset.columns <= n,
                     "the input must lie inside the convolved plane")
        let tilesX = n / outputTile, tilesY = height / outputTile
        let bandRows = bandTileRows(inChannels: inChannels, outChannels: outChannels, height: height, width: n,
                                    tileCapacity: tileCapacity, productCapacity: productCapacity)
        precondition(positions * inChannels * bandRows * tilesX <= tileCapacity
                     && positions * outChannels * bandRows * tilesX <= productCapacity,
                     "Winograd scratch too small for one tile row")
        let padded = n + 2
        var ty0 = 0
        while ty0 < tilesY {
            let band = ty0 ..< min(ty0 + bandRows, tilesY)
            let bandTiles = band.count * tilesX
            // Input transform, channels spread over the workers.
            parallelFor(workers, work: inChannels * bandTiles * positions) { worker in
                let t = rows + worker * rowScratch(width: n)
                var c = worker
                while c < inChannels {
                    let plane = input + c * inset.rows * inset.columns
                    let scale = inputScale[c]
                    // Row y of the plane as read: one zero, `left` zeros, the input row, zeros to `padded`.
                    let left = 1 + inset.offset, right = left + inset.columns
                    let r0 = t, r1 = t + padded, r2 = t + 2 * padded, r3 = t + 3 * padded, r4 = t + 4 * padded, r5 = t + 5 * padded
                    let phaseLength = tilesX + 1
                    let p0 = t + tile * padded, p1 = p0 + phaseLength, p2 = p1 + phaseLength, p3 = p2 + phaseLength
                    for ty in band {
                        // B^T along y over the six input rows 4ty - 1 ... 4ty + 4 (rows outside the
                        // input read as zeros: the phase rows, not yet in use, zeroed), scaled as
                        // they are read, into six rows zero padded by one column each side.
                        var zeroRow: UnsafePointer<Float>?
                        func inputRow(_ a: Int) -> UnsafePointer<Float> {
                            let y = outputTile * ty - 1 + a - inset.offset
                            if y >= 0 && y < inset.rows { return plane + y * inset.columns }
                            if let zeroRow { return zeroRow }
                            p0.update(repeating: 0, count: inset.columns)
                            zeroRow = UnsafePointer(p0)
                            return zeroRow!
                        }
                        let s0 = inputRow(0), s1 = inputRow(1), s2 = inputRow(2), s3 = inputRow(3), s4 = inputRow(4), s5 = inputRow(5)
                        for a in 0..<tile {
                            (t + a * padded).update(repeating: 0, count: left)
                            (t + a * padded + right).update(repeating: 0, count: padded - right)
                        }
                        for x in 0..<inset.columns {
                            let v = inputTransform(s0[x] * scale, s1[x] * scale, s2[x] * scale,
                                                   s3[x] * scale, s4[x] * scale, s5[x] * scale)
                            r0[left + x] = v.0; r1[left + x] = v.1; r2[left + x] = v.2
                            r3[left + x] = v.3; r4[left + x] = v.4; r5[left + x] = v.5
                        }
                        // B^T along x per tile, into V[xi][c][tile]. Each row is first split into its
                        // four phases (x mod 4), so that every tile reads its six values at unit stride.
                        let tileBase = (ty - ty0) * tilesX
                        let stride = inChannels * bandTiles
                        for i in 0..<tile {
                            let row = t + i * padded
                            for q in 0..<phaseLength {
                                p0[q] = row[4 * q]
                                p1[q] = row[4 * q + 1]
                            }
                            for q in 0..<tilesX {
                                p2[q] = row[4 * q + 2]
                                p3[q] = row[4 * q + 3]
                            }
                            let v = tiles + (i * tile * inChannels + c) * bandTiles + tileBase
                            for tx in 0..<tilesX {
                                let w = inputTransform(p0[tx], p1[tx], p2[tx], p3[tx], p0[tx + 1], p1[tx + 1])
                                v[tx] = w.0
                                v[stride + tx] = w.1
                                v[2 * stride + tx] = w.2
                                v[3 * stride + tx] = w.3
                                v[4 * stride + tx] = w.4
                                v[5 * stride + tx] = w.5
                            }
                        }
                    }
                    c += workers
                }
            }
            // One GEMM per tile position: M[xi] = U[xi] (Cout x Cin) x V[xi] (Cin x tiles).
            ParallelGEMM.each(positions, work: positions * outChannels * inChannels * bandTiles) { xi in
                sgemm(transposeA: transposedWeights, m: outChannels, n: bandTiles, k: inChannels,
                      a: u + xi * outChannels * inChannels, lda: transposedWeights ? outChannels : inChannels,
                      b: tiles + xi * inChannels * bandTiles, ldb: bandTiles,
                      c: products + xi * outChannels * bandTiles, ldc: bandTiles)
            }
            // Output transform A^T M A into the 4x4 output tiles, output channels spread over the
            // workers. Both passes run along rows of tiles, so every loop is unit-stride.
            parallelFor(workers, work: outChannels * bandTiles * positions) { worker in
                let t = rows + worker * rowScratch(width: n)  // [4 rows][6 columns][tilesX]
                let stride = outChannels * bandTiles
                var o = worker
                while o < outChannels {
                    let m = UnsafePointer(products + o * bandTiles)
                    let plane = output + o * height * n
                    for ty in band {
                        let base = (ty - ty0) * tilesX
                        // Along y, for each of the six columns of every tile in the row.
                        for j in 0..<tile {
                            let s0 = m + j * stride + base, s1 = s0 + 6 * stride, s2 = s1 + 6 * stride
                            let s3 = s2 + 6 * stride, s4 = s3 + 6 * stride, s5 = s4 + 6 * stride
                            let t0 = t + j * tilesX, t1 = t0 + 6 * tilesX, t2 = t1 + 6 * tilesX, t3 = t2 + 6 * tilesX
                            for tx in 0..<tilesX {
                                let v = outputTransform(s0[tx], s1[tx], s2[tx], s3[tx], s4[tx], s5[tx])
                                t0[tx] = v.0; t1[tx] = v.1; t2[tx] = v.2; t3[tx] = v.3
                            }
                        }
                        // Along x, for each of the four output rows.
                        for r in 0..<outputTile {
                            let u0 = UnsafePointer(t + r * 6 * tilesX), u1 = u0 + tilesX, u2 = u1 + tilesX
                            let u3 = u2 + tilesX, u4 = u3 + tilesX, u5 = u4 + tilesX
                            let row = plane + (outputTile * ty + r) * n
                            for tx in 0..<tilesX {
                                let v = outputTransform(u0[tx], u1[tx], u2[tx], u3[tx], u4[tx], u5[tx])
                                row[4 * tx] = v.0; row[4 * tx + 1] = v.1; row[4 * tx + 2] = v.2; row[4 * tx + 3] = v.3
                            }
                        }
                        finish(o, outputTile * ty * n, outputTile * n)
                    }
                    o += workers
                }
            }
            ty0 += bandRows
        }
    }
}

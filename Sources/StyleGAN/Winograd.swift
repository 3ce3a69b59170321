import BLAS

/// Winograd F(2x2, 3x3) for the stride-1, padding-1 3x3 convolutions: each 2x2 output tile is
/// computed from a 4x4 input tile with 16 multiplies per channel pair instead of 36, so the
/// GEMM work drops 2.25x. Transforms (Lavin & Gray 2015):
///   weights U = G g G^T, input V = B^T d B, output Y = A^T M A, with M = U * V summed over input
///   channels (one GEMM per each of the 16 tile positions).
enum Winograd {
    /// U [16, Cout, Cin] from weights [Cout, Cin, 3, 3]; G = [[1,0,0],[1/2,1/2,1/2],[1/2,-1/2,1/2],[0,0,1]].
    static func transformWeights(_ weight: [Float], outChannels: Int, inChannels: Int) -> [Float] {
        var u = [Float](repeating: 0, count: 16 * outChannels * inChannels)
        let pairs = outChannels * inChannels
        for pair in 0..<pairs {
            let g = weight[pair * 9 ..< pair * 9 + 9].map { $0 }
            // G g: rows of 3.
            var gg = [Float](repeating: 0, count: 12)
            for c in 0..<3 {
                let g0 = g[c], g1 = g[3 + c], g2 = g[6 + c]
                gg[c] = g0
                gg[3 + c] = (g0 + g1 + g2) * 0.5
                gg[6 + c] = (g0 - g1 + g2) * 0.5
                gg[9 + c] = g2
            }
            // (G g) G^T: each row of 3 becomes 4.
            for r in 0..<4 {
                let a0 = gg[r * 3], a1 = gg[r * 3 + 1], a2 = gg[r * 3 + 2]
                let row = [a0, (a0 + a1 + a2) * 0.5, (a0 - a1 + a2) * 0.5, a2]
                for c in 0..<4 { u[(r * 4 + c) * pairs + pair] = row[c] }
            }
        }
        return u
    }

    /// Scratch floats `convolve` needs per worker, and for the tile transforms of one band.
    static func rowScratch(width: Int) -> Int { 4 * (width + 2) }

    /// Tile rows per band so that one band's transformed tiles stay within `capacity` floats.
    static func bandTileRows(channels: Int, size: Int, capacity: Int) -> Int {
        let tilesX = size / 2
        return max(1, min(size / 2, capacity / (16 * channels * tilesX)))
    }

    /// out[Cout, n, n] = conv3x3(x * scale[c]) with the transformed weights `u`.
    /// `tiles` and `products` each hold at least 16 * max(Cin, Cout) * tiles-per-band floats;
    /// `rows` holds `workers * rowScratch(n)` floats. n must be even.
    static func convolve(input: UnsafePointer<Float>, inChannels: Int, size n: Int, inputScale: [Float],
                         u: UnsafePointer<Float>, outChannels: Int, output: UnsafeMutablePointer<Float>,
                         tiles: UnsafeMutablePointer<Float>, products: UnsafeMutablePointer<Float>, capacity: Int,
                         rows: UnsafeMutablePointer<Float>, workers: Int) {
        let tilesX = n / 2, tilesY = n / 2
        let bandRows = bandTileRows(channels: max(inChannels, outChannels), size: n, capacity: capacity)
        let padded = n + 2
        var ty0 = 0
        while ty0 < tilesY {
            let bandTiles = min(bandRows, tilesY - ty0) * tilesX
            let band = ty0 ..< min(ty0 + bandRows, tilesY)
            // Input transform, channels spread over the workers.
            parallelFor(workers, minimumWorkPerItem: inChannels * bandTiles * 16) { worker in
                let t = rows + worker * rowScratch(width: n)
                var c = worker
                while c < inChannels {
                    let plane = input + c * n * n
                    let scale = inputScale[c]
                    for ty in band {
                        // B^T along y on whole padded rows: t_i = sum_a B^T[i][a] row(2ty - 1 + a).
                        for a in 0..<4 {
                            let y = 2 * ty - 1 + a
                            let row = t + a * padded
                            row[0] = 0
                            row[padded - 1] = 0
                            if y >= 0 && y < n {
                                let source = plane + y * n
                                for x in 0..<n { row[x + 1] = source[x] * scale }
                            } else {
                                row.update(repeating: 0, count: padded)
                            }
                        }
                        let r0 = t, r1 = t + padded, r2 = t + 2 * padded, r3 = t + 3 * padded
                        for x in 0..<padded {
                            let d0 = r0[x], d1 = r1[x], d2 = r2[x], d3 = r3[x]
                            r0[x] = d0 - d2
                            r3[x] = d1 - d3
                            r1[x] = d1 + d2
                            r2[x] = d2 - d1
                        }
                        // B^T along x per tile, into V[xi][c][tile].
                        let tileBase = (ty - ty0) * tilesX
                        for i in 0..<4 {
                            let row = t + i * padded
                            let v0 = tiles + ((i * 4 + 0) * inChannels + c) * bandTiles + tileBase
                            let v1 = tiles + ((i * 4 + 1) * inChannels + c) * bandTiles + tileBase
                            let v2 = tiles + ((i * 4 + 2) * inChannels + c) * bandTiles + tileBase
                            let v3 = tiles + ((i * 4 + 3) * inChannels + c) * bandTiles + tileBase
                            for tx in 0..<tilesX {
                                let d0 = row[2 * tx], d1 = row[2 * tx + 1], d2 = row[2 * tx + 2], d3 = row[2 * tx + 3]
                                v0[tx] = d0 - d2
                                v1[tx] = d1 + d2
                                v2[tx] = d2 - d1
                                v3[tx] = d1 - d3
                            }
                        }
                    }
                    c += workers
                }
            }
            // One GEMM per tile position: M[xi] = U[xi] (Cout x Cin) x V[xi] (Cin x tiles).
            for xi in 0..<16 {
                sgemm(m: outChannels, n: bandTiles, k: inChannels,
                      a: u + xi * outChannels * inChannels, lda: inChannels,
                      b: tiles + xi * inChannels * bandTiles, ldb: bandTiles,
                      c: products + xi * outChannels * bandTiles, ldc: bandTiles)
            }
            // Output transform A^T M A, A^T = [[1,1,1,0],[0,1,-1,-1]].
            parallelFor(outChannels, minimumWorkPerItem: bandTiles * 16) { o in
                // m(xi)[k] = M[xi][o][k].
                let m = UnsafePointer(products + o * bandTiles), stride = outChannels * bandTiles
                let plane = output + o * n * n
                for ty in band {
                    let base = (ty - ty0) * tilesX
                    let top = plane + 2 * ty * n, bottom = top + n
                    for tx in 0..<tilesX {
                        let k = base + tx
                        @inline(__always) func at(_ xi: Int) -> Float { m[xi * stride + k] }
                        // Along y per column j: a_j = m0j + m1j + m2j, b_j = m1j - m2j - m3j.
                        let a0 = at(0) + at(4) + at(8), b0 = at(4) - at(8) - at(12)
                        let a1 = at(1) + at(5) + at(9), b1 = at(5) - at(9) - at(13)
                        let a2 = at(2) + at(6) + at(10), b2 = at(6) - at(10) - at(14)
                        let a3 = at(3) + at(7) + at(11), b3 = at(7) - at(11) - at(15)
                        top[2 * tx] = a0 + a1 + a2
                        top[2 * tx + 1] = a1 - a2 - a3
                        bottom[2 * tx] = b0 + b1 + b2
                        bottom[2 * tx + 1] = b1 - b2 - b3
                    }
                }
            }
            ty0 += bandRows
        }
    }
}

import BLAS
import Foundation
import StyleCastIO

/// GEMMs spread over the cores by the engine when OpenBLAS runs on the calling thread
/// (`BLASThreading.useCallingThreadOnly`). OpenBLAS's own threads spin in `sched_yield` between
/// calls, burning the CPU the engine's other passes need (a third of sg3t-256's CPU time on 2
/// cores); the engine's Dispatch workers sleep instead. Each GEMM still runs whole on one
/// thread, so results do not depend on the number of cores.
enum ParallelGEMM {
    /// Whether the engine should split GEMM work itself (OpenBLAS is single-threaded).
    static var engineSplits: Bool { blasThreadCount == 1 && availableCores > 1 }

    /// Runs `count` independent GEMMs (`body(i)`), spread over the cores when the engine
    /// splits GEMM work, else one after another with OpenBLAS threading each.
    static func each(_ count: Int, work: Int, _ body: (Int) -> Void) {
        guard engineSplits else {
            for i in 0..<count { body(i) }
            return
        }
        let workers = min(count, availableCores)
        parallelFor(workers, work: work) { worker in
            for i in count * worker / workers ..< count * (worker + 1) / workers { body(i) }
        }
    }

    /// C[m x n] = op(A)[m x k] op(B)[k x n] (+ C when `accumulate`), row-major, op(A) = A or,
    /// when `transposeA`, A^T (A stored k x m), op(B) = B or, when `transposeB`, B^T (B stored
    /// n x k), in blocks on the cores when the engine splits GEMM work. Every element is the
    /// same k-long dot product whichever block computes it.
    static func sgemmBlocks(transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
                            a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, accumulate: Bool,
                            c: UnsafeMutablePointer<Float>, ldc: Int) {
        let cores = engineSplits ? availableCores : 1
        let split = splitRows(m: m, n: n, k: k, cores: cores) ? Split.rows : .columns
        sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
              accumulate: accumulate, c: c, ldc: ldc, split: split, cores: cores)
    }

    enum Split { case rows, columns }

    /// Whether to split A's rows rather than B's columns. OpenBLAS packs all of the operand a
    /// block shares: with column blocks every core packs the whole of A, with row blocks the
    /// whole of B. Row blocks pay when A is the larger: the 3x3 layers below 32x32, whose tap
    /// weights (2.4M floats at 512 channels) dwarf a few hundred input pixels. They are kept to
    /// at least a million multiply-adds each, above OpenBLAS's separate small-matrix kernel.
    static func splitRows(m: Int, n: Int, k: Int, cores: Int) -> Bool {
        cores > 1 && m > n && m * n * k / cores >= 1 << 21
    }

    /// `sgemmBlocks` with the split and block count given (tests compare splits with one call).
    static func sgemm(transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
                      a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, accumulate: Bool,
                      c: UnsafeMutablePointer<Float>, ldc: Int, split: Split, cores: Int) {
        // Blocks of whole 64-row or 64-column groups, so the split does not leave thin edge blocks.
        let groups = ((split == .rows ? m : n) + 63) / 64
        let blocks = min(groups, max(1, cores))
        parallelFor(blocks, work: m * n * k / 64) { block in
            let first = groups * block / blocks * 64, last = groups * (block + 1) / blocks * 64
            switch split {
            case .columns:
                let from = min(n, first), to = min(n, last)
                guard to > from else { return }
                // Columns of op(B): columns of B, or rows of B stored transposed.
                BLAS.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: to - from, k: k, a: a, lda: lda,
                           b: b + (transposeB ? from * ldb : from), ldb: ldb,
                           beta: accumulate ? 1 : 0, c: c + from, ldc: ldc)
            case .rows:
                let from = min(m, first), to = min(m, last)
                guard to > from else { return }
                // Rows of op(A): rows of A, or columns of A stored transposed.
                BLAS.sgemm(transposeA: transposeA, transposeB: transposeB, m: to - from, n: n, k: k,
                           a: a + (transposeA ? from : from * lda), lda: lda, b: b, ldb: ldb,
                           beta: accumulate ? 1 : 0, c: c + from * ldc, ldc: ldc)
            }
        }
    }
}

import BLAS
import Foundation

/// GEMMs spread over the cores by the engine when OpenBLAS runs on the calling thread
/// (`BLASThreading.useCallingThreadOnly`). OpenBLAS's own threads spin in `sched_yield` between
/// calls, burning the CPU the engine's other passes need (a third of sg3t-256's CPU time on 2
/// cores); the engine's Dispatch workers sleep instead. Each GEMM still runs whole on one
/// thread, so results do not depend on the number of cores.
enum ParallelGEMM {
    /// Whether the engine should split GEMM work itself (OpenBLAS is single-threaded).
    static var engineSplits: Bool { blasThreadCount == 1 && ProcessInfo.processInfo.activeProcessorCount > 1 }

    /// Runs `count` independent GEMMs (`body(i)`), spread over the cores when the engine
    /// splits GEMM work, else one after another with OpenBLAS threading each.
    static func each(_ count: Int, work: Int, _ body: (Int) -> Void) {
        guard engineSplits else {
            for i in 0..<count { body(i) }
            return
        }
        let workers = min(count, ProcessInfo.processInfo.activeProcessorCount)
        parallelFor(workers, work: work) { worker in
            for i in count * worker / workers ..< count * (worker + 1) / workers { body(i) }
        }
    }

    /// C[m x n] = A[m x k] B[k x n] (+ C when `accumulate`), row-major, as column blocks on the
    /// cores when the engine splits GEMM work. Every element is the same k-long dot product
    /// whichever block computes it.
    static func sgemmColumns(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                             b: UnsafePointer<Float>, ldb: Int, accumulate: Bool,
                             c: UnsafeMutablePointer<Float>, ldc: Int) {
        // Blocks of whole 64-column groups, so the split does not leave thin edge blocks.
        let groups = (n + 63) / 64
        let blocks = engineSplits ? min(groups, ProcessInfo.processInfo.activeProcessorCount) : 1
        parallelFor(blocks, work: m * n * k / 64) { block in
            let first = min(n, groups * block / blocks * 64), last = min(n, groups * (block + 1) / blocks * 64)
            guard last > first else { return }
            sgemm(m: m, n: last - first, k: k, a: a, lda: lda, b: b + first, ldb: ldb,
                  beta: accumulate ? 1 : 0, c: c + first, ldc: ldc)
        }
    }
}

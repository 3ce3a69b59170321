import BLAS

/// OpenBLAS's own threads, for commands whose work is already spread over the cores.
public enum BLASThreading {
    /// Runs every GEMM on the calling thread. The cast spreads its work over the cores itself
    /// (`parallelFor` inside each layer, `--jobs` characters at once); OpenBLAS's threads on top
    /// of that spin in `sched_yield` between its calls, waiting for the next GEMM, while the
    /// Dispatch workers need the same cores. On 2 cores the sample cast at 200 projection steps
    /// spent 17.6 s of its 51 s CPU time in the kernel that way, and took 100 s wall. One thread
    /// also makes the art independent of the machine's core count: OpenBLAS rounds differently
    /// with another thread count. The image commands (generate, synth, mix, bench) run this way
    /// too, and the projections (project, bench-project): the StyleGAN3 layers and both networks'
    /// reverse modes then split their GEMMs over the cores (`ParallelGEMM`).
    public static func useCallingThreadOnly() {
        blasThreadCount = 1
    }
}

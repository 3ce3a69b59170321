#if canImport(Glibc)
import Glibc

@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif

/// Long runs of forward and reverse passes (training, projection) allocate and free the same
/// multi-megabyte activation arrays over and over. glibc serves each from a fresh mmap and
/// returns it on free, so every pass faults all its pages in again; most of a training step's
/// time was system time. Keeping freed blocks in the heap instead makes them reusable.
public enum HeapTuning {
    public static func reuseLargeAllocations() {
        #if canImport(Glibc)
        // malloc.h: M_TRIM_THRESHOLD = -1, M_MMAP_THRESHOLD = -3; 32 MiB is glibc's largest
        // mmap threshold on 64-bit systems.
        _ = glibcMallopt(-3, 32 << 20)
        _ = glibcMallopt(-1, 256 << 20)
        // M_ARENA_MAX = -8. The settings above hold for the main arena only in practice: a
        // thread's own arena (a `--jobs` worker's) lives in 64 MiB heaps that glibc unmaps and
        // maps again as the big arrays come and go, so the cast's projection on a job thread
        // faulted its pages in every step (1.4 s of system time per 60 steps on 2 cores, 0.1 s
        // with one arena). One arena keeps every thread on the heap that is reused.
        _ = glibcMallopt(-8, 1)
        #endif
    }
}

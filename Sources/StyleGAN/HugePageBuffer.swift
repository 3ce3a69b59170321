#if canImport(Glibc)
import Glibc
#endif

/// Allocation for the synthesis scratch buffers of tens of megabytes that every layer streams
/// through (Winograd tiles and products, weights, activations). On Linux they are aligned to
/// 2 MiB and asked to be backed by transparent huge pages (honoured in the kernel's common
/// `madvise` mode), so walking them strides through far fewer TLB entries than 4 KiB pages
/// take; elsewhere, or where the kernel declines, they are ordinary pages.
enum HugePageBuffer {
    private static let hugePage = 2 << 20

    static func allocate(floats count: Int) -> UnsafeMutablePointer<Float> {
        let bytes = max(count, 1) * MemoryLayout<Float>.stride
        #if canImport(Glibc)
        var address: UnsafeMutableRawPointer?
        guard posix_memalign(&address, hugePage, bytes) == 0, let address else {
            fatalError("out of memory allocating \(bytes) bytes")
        }
        // MADV_HUGEPAGE; a refusal only leaves small pages.
        _ = madvise(address, (bytes + hugePage - 1) / hugePage * hugePage, 14)
        return address.bindMemory(to: Float.self, capacity: max(count, 1))
        #else
        return .allocate(capacity: max(count, 1))
        #endif
    }

    static func deallocate(_ pointer: UnsafeMutablePointer<Float>) {
        #if canImport(Glibc)
        free(pointer)
        #else
        pointer.deallocate()
        #endif
    }
}

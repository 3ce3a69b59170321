import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The cores this process may run on: its CPU affinity (what `taskset` or a container's cpuset
/// allows), which `ProcessInfo.activeProcessorCount` does not see. Every parallel pass of the
/// engine sizes its work by it, so a process pinned to one core runs its passes inline instead
/// of handing them to threads that then take turns on that core.
public let availableCores: Int = {
    let online = ProcessInfo.processInfo.activeProcessorCount
    #if os(Linux)
    // glibc's sched_getaffinity, looked up at run time: Swift's Glibc module leaves out the
    // GNU extensions. The mask is a cpu_set_t, 1024 bits.
    typealias GetAffinity = @convention(c) (pid_t, Int, UnsafeMutableRawPointer) -> Int32
    if let symbol = dlsym(nil, "sched_getaffinity") {
        var mask = [UInt64](repeating: 0, count: 16)
        let status = mask.withUnsafeMutableBytes { unsafeBitCast(symbol, to: GetAffinity.self)(0, $0.count, $0.baseAddress!) }
        let count = mask.reduce(0) { $0 + $1.nonzeroBitCount }
        if status == 0 && count > 0 { return min(count, online) }
    }
    #endif
    return online
}()

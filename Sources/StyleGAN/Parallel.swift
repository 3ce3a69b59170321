import Foundation

/// Runs `body(i)` for i in 0..<count on all cores (DispatchQueue.concurrentPerform), or inline
/// when the whole job (`work`, in values touched) is too small to pay for the hand-off.
@inline(__always)
func parallelFor(_ count: Int, work: Int, _ body: (Int) -> Void) {
    if count <= 1 || work < 1 << 14 {
        for i in 0..<count { body(i) }
    } else {
        // The work items only touch disjoint parts of buffers the caller owns until this returns.
        withoutActuallyEscaping(body) { escapable in
            let work = UncheckedSendable(value: escapable)
            DispatchQueue.concurrentPerform(iterations: count) { work.value($0) }
        }
    }
}

private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
}

import Foundation
import StyleCastIO

/// Runs `body(i)` for i in 0..<count on all cores (DispatchQueue.concurrentPerform), or inline
/// when the whole job (`work`, in values touched) is too small to pay for the hand-off, or the
/// process may use one core only.
@inline(__always)
func parallelFor(_ count: Int, work: Int, _ body: (Int) -> Void) {
    if count <= 1 || work < 1 << 14 || availableCores == 1 {
        for i in 0..<count { body(i) }
    } else {
        // The work items only touch disjoint parts of buffers the caller owns until this returns.
        withoutActuallyEscaping(body) { escapable in
            let work = UncheckedSendable(value: escapable)
            DispatchQueue.concurrentPerform(iterations: count) { work.value($0) }
        }
    }
}

/// Splits `0..<count` into contiguous chunks and runs them on all cores. A few chunks per core
/// balance uneven work; each chunk is one call, so it can allocate its scratch once. Small jobs
/// (`count * valuesPerItem` under about 64K values touched) run on the calling thread, where
/// waking other threads would cost more than the work.
func parallelChunks(count: Int, valuesPerItem: Int, _ body: (Range<Int>) -> Void) {
    guard count > 0 else { return }
    let worthwhile = max(1, count * valuesPerItem / (1 << 16))
    let chunks = min(count, availableCores * 4, worthwhile)
    parallelFor(chunks, work: count * valuesPerItem) { chunk in
        body(chunk * count / chunks ..< (chunk + 1) * count / chunks)
    }
}

/// Writes the transpose of a dense `rows x columns` matrix: 4 x 4 blocks moved through vector
/// registers, edges element by element.
func transpose(_ source: UnsafePointer<Float>, rows: Int, columns: Int,
                        into destination: UnsafeMutablePointer<Float>) {
    typealias Quad = SIMD4<Float>
    let fullRows = rows & ~3, fullColumns = columns & ~3
    for row in stride(from: 0, to: fullRows, by: 4) {
        for column in stride(from: 0, to: fullColumns, by: 4) {
            let base = source + row * columns + column
            let a = UnsafeRawPointer(base).loadUnaligned(as: Quad.self)
            let b = UnsafeRawPointer(base + columns).loadUnaligned(as: Quad.self)
            let c = UnsafeRawPointer(base + 2 * columns).loadUnaligned(as: Quad.self)
            let d = UnsafeRawPointer(base + 3 * columns).loadUnaligned(as: Quad.self)
            let target = destination + column * rows + row
            UnsafeMutableRawPointer(target).storeBytes(of: Quad(a[0], b[0], c[0], d[0]), as: Quad.self)
            UnsafeMutableRawPointer(target + rows).storeBytes(of: Quad(a[1], b[1], c[1], d[1]), as: Quad.self)
            UnsafeMutableRawPointer(target + 2 * rows).storeBytes(of: Quad(a[2], b[2], c[2], d[2]), as: Quad.self)
            UnsafeMutableRawPointer(target + 3 * rows).storeBytes(of: Quad(a[3], b[3], c[3], d[3]), as: Quad.self)
        }
        for r in row..<(row + 4) {
            for column in fullColumns..<columns { destination[column * rows + r] = source[r * columns + column] }
        }
    }
    for row in fullRows..<rows {
        for column in 0..<columns { destination[column * rows + row] = source[row * columns + column] }
    }
}

private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
}

import Foundation

/// A raw float buffer handed to parallel workers that each write a disjoint part of it.
/// Swift cannot prove the parts disjoint, hence `@unchecked Sendable`.
struct StyleGAN3SharedBuffer: @unchecked Sendable {
    let base: UnsafeMutablePointer<Float>
}

/// Splits `0..<count` into contiguous chunks and runs them on all cores. A few chunks per core
/// balance uneven work; each chunk is one call, so it can allocate its scratch once. Small jobs
/// (`count * valuesPerItem` under about 64K values touched) run on the calling thread, where
/// waking other threads would cost more than the work.
func styleGAN3ParallelChunks(count: Int, valuesPerItem: Int, _ body: @Sendable (Range<Int>) -> Void) {
    guard count > 0 else { return }
    let worthwhile = max(1, count * valuesPerItem / (1 << 16))
    let chunks = min(count, ProcessInfo.processInfo.activeProcessorCount * 4, worthwhile)
    if chunks == 1 {
        body(0..<count)
        return
    }
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        body(chunk * count / chunks ..< (chunk + 1) * count / chunks)
    }
}

/// Writes the transpose of a dense `rows x columns` matrix, in cache-sized blocks.
func styleGAN3Transpose(_ source: UnsafePointer<Float>, rows: Int, columns: Int,
                        into destination: UnsafeMutablePointer<Float>) {
    let block = 32
    for rowStart in stride(from: 0, to: rows, by: block) {
        let rowEnd = min(rowStart + block, rows)
        for columnStart in stride(from: 0, to: columns, by: block) {
            let columnEnd = min(columnStart + block, columns)
            for row in rowStart..<rowEnd {
                for column in columnStart..<columnEnd {
                    destination[column * rows + row] = source[row * columns + column]
                }
            }
        }
    }
}

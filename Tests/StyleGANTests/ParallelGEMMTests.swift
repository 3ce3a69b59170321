import XCTest
@testable import StyleGAN

/// The engine's GEMM splits must give the bytes of one whole GEMM, so that an image does not
/// depend on the number of cores.
final class ParallelGEMMTests: XCTestCase {
    /// A tap-weight-shaped product (9 * 256 rows, 64 columns, 512 deep), large enough that
    /// `splitRows` takes it, in row and in column blocks against a single OpenBLAS call; with A
    /// as stored and transposed (the reverse mode's tap GEMMs), B as stored and transposed (the
    /// StyleGAN3 reverse mode's weight gradients).
    func testSplitsMatchOneGEMM() {
        let m = 9 * 256, n = 64 + 7, k = 512
        var random = NumpyRandom(seed: 3)
        let a = (0..<m * k).map { _ in Float(random.nextGaussian()) }
        let b = (0..<k * n).map { _ in Float(random.nextGaussian()) }
        let start = (0..<m * n).map { _ in Float(random.nextGaussian()) }
        XCTAssertTrue(ParallelGEMM.splitRows(m: m, n: n, k: k, cores: 2))
        XCTAssertFalse(ParallelGEMM.splitRows(m: m, n: n, k: k, cores: 1))
        let cases = [false, true].flatMap { accumulate in
            [(false, false), (true, false), (false, true), (true, true)].map { (accumulate, $0.0, $0.1) }
        }
        for (accumulate, transposeA, transposeB) in cases {
            func product(split: ParallelGEMM.Split, cores: Int) -> [Float] {
                var blocked = start
                a.withUnsafeBufferPointer { a in
                    b.withUnsafeBufferPointer { b in
                        blocked.withUnsafeMutableBufferPointer { c in
                            ParallelGEMM.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                                               a: a.baseAddress!, lda: transposeA ? m : k,
                                               b: b.baseAddress!, ldb: transposeB ? k : n, accumulate: accumulate,
                                               c: c.baseAddress!, ldc: n, split: split, cores: cores)
                        }
                    }
                }
                return blocked
            }
            // One block is one OpenBLAS call.
            let whole = product(split: .columns, cores: 1)
            for split in [ParallelGEMM.Split.rows, .columns] {
                for cores in [2, 3] {
                    XCTAssertEqual(product(split: split, cores: cores).map(\.bitPattern), whole.map(\.bitPattern),
                                   "\(split) split over \(cores) cores, accumulate \(accumulate), transposed A \(transposeA), B \(transposeB)")
                }
            }
        }
    }
}

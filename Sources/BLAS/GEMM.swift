import COpenBLAS

/// Single-precision matrix multiply through OpenBLAS, row-major:
/// C[m x n] = alpha * op(A)[m x k] * op(B)[k x n] + beta * C.
/// `lda`, `ldb`, `ldc` are the row strides of A, B and C as stored.
@inline(__always)
public func sgemm(transposeA: Bool = false, transposeB: Bool = false,
                  m: Int, n: Int, k: Int,
                  alpha: Float = 1,
                  a: UnsafePointer<Float>, lda: Int,
                  b: UnsafePointer<Float>, ldb: Int,
                  beta: Float = 0,
                  c: UnsafeMutablePointer<Float>, ldc: Int) {
    cblas_sgemm(CblasRowMajor,
                transposeA ? CblasTrans : CblasNoTrans,
                transposeB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k), alpha,
                a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}

/// y = alpha * op(A) * x + beta * y, row-major A of m x n.
@inline(__always)
public func sgemv(transposeA: Bool = false, m: Int, n: Int, alpha: Float = 1,
                  a: UnsafePointer<Float>, lda: Int, x: UnsafePointer<Float>,
                  beta: Float = 0, y: UnsafeMutablePointer<Float>) {
    cblas_sgemv(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), alpha, a, Int32(lda), x, 1, beta, y, 1)
}

/// How many threads OpenBLAS uses (all cores by default).
public var blasThreadCount: Int {
    get { Int(openblas_get_num_threads()) }
    set { openblas_set_num_threads(Int32(newValue)) }
}

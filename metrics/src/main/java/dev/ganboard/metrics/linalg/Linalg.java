package dev.ganboard.metrics.linalg;

import static org.bytedeco.openblas.global.openblas.CblasColMajor;
import static org.bytedeco.openblas.global.openblas.CblasLower;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dsyevd;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dpotrf;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dsygst;
import static org.bytedeco.openblas.global.openblas.LAPACK_COL_MAJOR;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas.cblas_dsyr;
import static org.bytedeco.openblas.global.openblas.cblas_dsyrk;

import org.bytedeco.javacpp.DoublePointer;

/**
 * The few BLAS/LAPACK operations the metrics use, on column-major {@link NativeMatrix}es. Symmetric matrices keep
 * their values in the lower triangle unless a method says it fills both.
 */
public final class Linalg {
    private Linalg() {
    }

    /**
     * C = alpha * A * A^T + beta * C on the lower triangle, where A is n x k, given as k rows of n values each
     * (a row-major [k, n] block of samples is exactly a column-major n x k matrix).
     */
    public static void syrkLower(int n, int k, double alpha, DoublePointer a, double beta, NativeMatrix c) {
        cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, n, k, alpha, a, n, beta, c.pointer(), c.rows());
    }

    /** A = A + alpha * x x^T on the lower triangle (dsyr). */
    public static void rankOneUpdateLower(double alpha, double[] x, NativeMatrix a) {
        try (DoublePointer v = new DoublePointer(x)) {
            cblas_dsyr(CblasColMajor, CblasLower, a.rows(), alpha, v, 1, a.pointer(), a.rows());
        }
    }

    /** C = alpha * A^T * A + beta * C on the lower triangle (A is k x n, C is n x n). */
    public static void syrkLowerTransposed(double alpha, NativeMatrix a, double beta, NativeMatrix c) {
        cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, a.cols(), a.rows(), alpha, a.pointer(), a.rows(), beta,
                c.pointer(), c.rows());
    }

    /**
     * C = alpha * op(A) * op(B) + beta * C on raw column-major storage (pointers may be views at an offset into
     * a larger matrix); op(A) is m x k, op(B) is k x n.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, DoublePointer a,
                            int lda, DoublePointer b, int ldb, double beta, DoublePointer c, int ldc) {
        cblas_dgemm(CblasColMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /** C = alpha * op(A) * op(B) + beta * C. */
    public static void gemm(boolean transA, boolean transB, double alpha, NativeMatrix a, NativeMatrix b,
                            double beta, NativeMatrix c) {
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int n = transB ? b.rows() : b.cols();
        cblas_dgemm(CblasColMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                m, n, k, alpha, a.pointer(), a.rows(), b.pointer(), b.rows(), beta, c.pointer(), c.rows());
    }

    /** Copies the lower triangle onto the upper one, making the native matrix fully symmetric. */
    public static void mirrorLower(NativeMatrix s) {
        double[] a = lowerToFull(s);
        s.pointer().put(a, 0, a.length);
    }

    /** The symmetric matrix whose lower triangle {@code s} holds, as a full column-major (= row-major) array. */
    public static double[] lowerToFull(NativeMatrix s) {
        int n = s.rows();
        double[] a = s.toArray();
        final int tile = 64; // transpose in tiles so that both sides stay in cache
        for (int jb = 0; jb < n; jb += tile) {
            for (int ib = jb; ib < n; ib += tile) {
                int iEnd = Math.min(n, ib + tile);
                int jEnd = Math.min(n, jb + tile);
                for (int j = jb; j < jEnd; j++) {
                    for (int i = Math.max(ib, j + 1); i < iEnd; i++) {
                        a[i * n + j] = a[j * n + i]; // upper (j, i) <- lower (i, j)
                    }
                }
            }
        }
        return a;
    }

    /**
     * Eigenvalues (ascending) of A B for symmetric A and symmetric positive definite B (lower triangles): B = L L^T
     * (dpotrf), the symmetric C = L^T A L (dsygst, itype 2), then eigvalsh(C) (dsyevd) - the steps of LAPACK's
     * dsygvd, called one by one because the combined routine ran slower here. Destroys both. Returns null when
     * B is not (numerically) positive definite.
     */
    public static double[] eigenvaluesOfProduct(NativeMatrix a, NativeMatrix b) {
        int n = a.rows();
        int info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, (byte) 'L', n, b.pointer(), n);
        if (info > 0) {
            return null;
        }
        check("dpotrf", info);
        check("dsygst", LAPACKE_dsygst(LAPACK_COL_MAJOR, 2, (byte) 'L', n, a.pointer(), n, b.pointer(), n));
        return symmetricEigenvalues(a);
    }

    /** Eigenvalues (ascending) of the symmetric matrix in the lower triangle of {@code a}; destroys {@code a}. */
    public static double[] symmetricEigenvalues(NativeMatrix a) {
        int n = a.rows();
        try (DoublePointer w = new DoublePointer(Math.max(1, n))) {
            int info = LAPACKE_dsyevd(LAPACK_COL_MAJOR, (byte) 'N', (byte) 'L', n, a.pointer(), n, w);
            check("dsyevd", info);
            double[] out = new double[n];
            w.get(out);
            return out;
        }
    }

    /**
     * Eigen-decomposition of the symmetric matrix in the lower triangle of {@code a}: returns the eigenvalues
     * (ascending) and overwrites {@code a} with the orthonormal eigenvectors as columns.
     */
    public static double[] symmetricEigen(NativeMatrix a) {
        int n = a.rows();
        try (DoublePointer w = new DoublePointer(Math.max(1, n))) {
            int info = LAPACKE_dsyevd(LAPACK_COL_MAJOR, (byte) 'V', (byte) 'L', n, a.pointer(), n, w);
            check("dsyevd", info);
            double[] out = new double[n];
            w.get(out);
            return out;
        }
    }

    private static void check(String routine, int info) {
        if (info < 0) {
            throw new LinalgException(routine + ": illegal argument " + (-info));
        }
        if (info > 0) {
            throw new LinalgException(routine + ": failed to converge (info " + info + ")");
        }
    }
}

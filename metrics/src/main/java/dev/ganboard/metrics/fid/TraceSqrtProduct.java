package dev.ganboard.metrics.fid;

import dev.ganboard.metrics.linalg.Linalg;
import dev.ganboard.metrics.linalg.NativeMatrix;

import java.util.List;

/**
 * tr sqrt(S1 S2) for symmetric positive semi-definite S1, S2: the sum of the square roots of the eigenvalues of
 * S1 S2, which are real and non-negative because S1 S2 is similar to a symmetric PSD matrix. Both paths below
 * build that symmetric matrix and hand it to LAPACK's symmetric eigen-solver (dsyevd); no non-symmetric sqrtm, so
 * no spurious complex parts and no iteration that can fail to converge (scipy.linalg.sqrtm's weak spot).
 * <ul>
 *   <li>{@code cholesky} (fast path, S1 or S2 positive definite): S1 = L L^T (dpotrf), C = L^T S2 L (dsygst,
 *       the reduction of LAPACK's generalized symmetric-definite eigenproblem), eigvalsh(C) (dsyevd).</li>
 *   <li>{@code eigh} (any PSD pair, e.g. N <= D): S1 = V diag(w) V^T with w clamped at 0, G = V diag(sqrt w),
 *       eigvalsh(G^T S2 G) - the spectrum of sqrt(S1) S2 sqrt(S1), one eigen-solve cheaper.</li>
 * </ul>
 * Eigenvalues of the final symmetric matrix below its numerical-rank tolerance D * eps * lambda_max (numpy's
 * matrix_rank tolerance) are rounding noise around 0 - negative or positive - and count as 0: the square root
 * would turn noise of 1e-16 into 1e-8 per eigenvalue, which adds up when covariances are rank-deficient.
 */
public final class TraceSqrtProduct {

    /**
     * @param value               tr sqrt(S1 S2)
     * @param method              "cholesky" or "eigh"
     * @param factored            which covariance was factored first ("real", "fake") on the cholesky path
     * @param minEigenvalueRatio  smallest eigenvalue of the symmetric product over its largest (negative values
     *                            beyond rounding mean an input was not positive semi-definite)
     * @param singular            the inputs found not positive definite (their Cholesky factorisation failed)
     */
    public record Result(double value, String method, String factored, double minEigenvalueRatio,
                         List<String> singular) {
        Result withSingular(List<String> names) {
            return new Result(value, method, factored, minEigenvalueRatio, List.copyOf(names));
        }
    }

    private TraceSqrtProduct() {
    }

    /** Picks the fast path when it applies; {@code name1}/{@code name2} label the two inputs. */
    public static Result compute(double[] s1, double[] s2, int d, String name1, String name2) {
        try (NativeMatrix a = NativeMatrix.of(s1, d, d); NativeMatrix b = NativeMatrix.of(s2, d, d)) {
            return computeInPlace(a, b, name1, name2);
        }
    }

    /**
     * The same from native matrices whose lower triangles hold S1 and S2 (no copies to the heap); both are
     * overwritten.
     */
    public static Result computeInPlace(NativeMatrix s1, NativeMatrix s2, String name1, String name2) {
        int d = s1.rows();
        double[] lambda;
        try (NativeMatrix l = s1.copy()) {
            lambda = Linalg.eigenvaluesOfProduct(s2, l);
        }
        if (lambda != null) {
            return finish(lambda, "cholesky", name1);
        }
        try (NativeMatrix l = s2.copy()) {
            lambda = Linalg.eigenvaluesOfProduct(s1, l); // s2 is intact: the failed factorisation only touched l
        }
        if (lambda != null) {
            return finish(lambda, "cholesky", name2).withSingular(List.of(name1));
        }
        return viaEigh(Linalg.lowerToFull(s1), Linalg.lowerToFull(s2), d).withSingular(List.of(name1, name2));
    }

    /** Returns null when {@code factor} is not numerically positive definite. */
    public static Result viaCholesky(double[] factor, double[] other, int d, String factoredName) {
        try (NativeMatrix b = NativeMatrix.of(factor, d, d); NativeMatrix a = NativeMatrix.of(other, d, d)) {
            double[] lambda = Linalg.eigenvaluesOfProduct(a, b);
            return lambda == null ? null : finish(lambda, "cholesky", factoredName);
        }
    }

    public static Result viaEigh(double[] s1, double[] s2, int d) {
        double[] g;
        try (NativeMatrix v = NativeMatrix.of(s1, d, d)) {
            double[] w = Linalg.symmetricEigen(v);
            g = v.toArray();
            for (int j = 0; j < d; j++) {
                double scale = Math.sqrt(Math.max(w[j], 0.0));
                int base = j * d;
                for (int i = 0; i < d; i++) {
                    g[base + i] *= scale;
                }
            }
        }
        try (NativeMatrix gm = NativeMatrix.of(g, d, d);
             NativeMatrix s2m = NativeMatrix.of(s2, d, d);
             NativeMatrix t = NativeMatrix.allocate(d, d);
             NativeMatrix m = NativeMatrix.allocate(d, d)) {
            Linalg.gemm(false, false, 1.0, s2m, gm, 0.0, t); // S2 G
            Linalg.gemm(true, false, 1.0, gm, t, 0.0, m);    // G^T S2 G
            return finish(Linalg.symmetricEigenvalues(m), "eigh", null);
        }
    }

    private static Result finish(double[] ascending, String method, String factored) {
        double max = ascending.length == 0 ? 0 : ascending[ascending.length - 1];
        double min = ascending.length == 0 ? 0 : ascending[0];
        double tolerance = ascending.length * Math.ulp(1.0) * Math.max(max, 0);
        double sum = 0;
        for (double lambda : ascending) {
            if (lambda > tolerance) {
                sum += Math.sqrt(lambda);
            }
        }
        double ratio = max > 0 ? min / max : 0.0;
        return new Result(sum, method, factored, ratio, List.of());
    }
}

package dev.ganboard.metrics.fid;

import dev.ganboard.metrics.TestData;
import dev.ganboard.metrics.core.DenseMatrix;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The LAPACK trace paths against formulations that share no code with them: commons-math3's eigen-decomposition
 * of sqrt(S1) S2 sqrt(S1), and a Denman-Beavers iteration for sqrtm(S1 S2) with no eigen-solver at all.
 * Plus the properties FID >= 0 and FID(a, b) = FID(b, a).
 */
class FidCrossCheckTest {

    static RealMatrix matrix(double[] a, int d) {
        double[][] rows = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(a, i * d, rows[i], 0, d);
        }
        return new Array2DRowRealMatrix(rows);
    }

    static double traceSqrtCommonsMath(double[] s1, double[] s2, int d) {
        RealMatrix root = new EigenDecomposition(matrix(s1, d)).getSquareRoot();
        RealMatrix m = root.multiply(matrix(s2, d)).multiply(root);
        m = m.add(m.transpose()).scalarMultiply(0.5);
        double sum = 0;
        for (double lambda : new EigenDecomposition(m).getRealEigenvalues()) {
            sum += Math.sqrt(Math.max(lambda, 0));
        }
        return sum;
    }

    static double traceSqrtDenmanBeavers(double[] s1, double[] s2, int d) {
        RealMatrix y = matrix(s1, d).multiply(matrix(s2, d));
        RealMatrix z = MatrixUtils.createRealIdentityMatrix(d);
        for (int k = 0; k < 100; k++) {
            RealMatrix yInv = new LUDecomposition(y).getSolver().getInverse();
            RealMatrix zInv = new LUDecomposition(z).getSolver().getInverse();
            RealMatrix yNext = y.add(zInv).scalarMultiply(0.5);
            z = z.add(yInv).scalarMultiply(0.5);
            double change = yNext.subtract(y).getFrobeniusNorm();
            y = yNext;
            if (change <= 1e-15 * y.getFrobeniusNorm()) {
                break;
            }
        }
        return y.getTrace();
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 7, 16, 33})
    void tracePathsAgreeWithIndependentFormulations(int d) {
        GaussianStats a = FeatureStatistics.compute(TestData.gaussian("a", 4 * d + 10, d, d, 0));
        GaussianStats b = FeatureStatistics.compute(TestData.gaussian("b", 5 * d + 3, d, 1000 + d, 0.2));
        double cholesky = TraceSqrtProduct.viaCholesky(a.covariance(), b.covariance(), d, "a").value();
        double eigh = TraceSqrtProduct.viaEigh(a.covariance(), b.covariance(), d).value();
        double commons = traceSqrtCommonsMath(a.covariance(), b.covariance(), d);
        double db = traceSqrtDenmanBeavers(a.covariance(), b.covariance(), d);
        assertEquals(commons, cholesky, 1e-11 * commons);
        assertEquals(commons, eigh, 1e-11 * commons);
        assertEquals(db, cholesky, 1e-9 * db);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 10, 24})
    void rankDeficientEighPathMatchesCommonsMath(int d) {
        GaussianStats a = FeatureStatistics.compute(TestData.gaussian("a", d / 2 + 1, d, 7 * d, 0));
        GaussianStats b = FeatureStatistics.compute(TestData.gaussian("b", d / 2 + 2, d, 9 * d, 0.1));
        double eigh = TraceSqrtProduct.viaEigh(a.covariance(), b.covariance(), d).value();
        // commons-math's square root rejects the tiny negative eigenvalues of a singular matrix; clamp them first
        EigenDecomposition e = new EigenDecomposition(matrix(a.covariance(), d));
        RealMatrix v = e.getV();
        double[] w = e.getRealEigenvalues();
        RealMatrix root = MatrixUtils.createRealMatrix(d, d);
        for (int k = 0; k < d; k++) {
            RealMatrix col = v.getColumnMatrix(k);
            root = root.add(col.multiply(col.transpose()).scalarMultiply(Math.sqrt(Math.max(w[k], 0))));
        }
        RealMatrix m = root.multiply(matrix(b.covariance(), d)).multiply(root);
        m = m.add(m.transpose()).scalarMultiply(0.5);
        double expected = 0;
        for (double lambda : new EigenDecomposition(m).getRealEigenvalues()) {
            expected += Math.sqrt(Math.max(lambda, 0));
        }
        // eigenvalues that are zero in exact arithmetic contribute sqrt(rounding) ~ 1e-8 each in both
        assertEquals(expected, eigh, 1e-6 * Math.max(1, expected));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void fidIsNonNegativeAndSymmetric(long seed) {
        int d = 3 + (int) seed * 3;
        DenseMatrix a = TestData.gaussian("a", 30 + 7 * (int) seed, d, seed, 0);
        DenseMatrix b = TestData.gaussian("b", 25 + 11 * (int) seed, d, seed + 100, seed % 2 == 0 ? 0 : 0.3);
        double ab = new Fid().compute(a, b).fid();
        double ba = new Fid().compute(b, a).fid();
        assertTrue(ab >= 0);
        assertEquals(ab, ba, 1e-10 * Math.max(1, ab));
        assertEquals(0.0, new Fid().compute(a, a).fid(), 1e-10 * d);
    }
}

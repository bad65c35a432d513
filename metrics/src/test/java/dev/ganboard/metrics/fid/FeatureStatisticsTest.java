package dev.ganboard.metrics.fid;

import dev.ganboard.metrics.TestData;
import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.io.NpyDtype;
import dev.ganboard.metrics.io.NpyFile;
import dev.ganboard.metrics.io.NpyWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The single-pass shifted statistics against the textbook two-pass formulas. */
class FeatureStatisticsTest {

    /** Two-pass mean and N-1 covariance, written out plainly. */
    static double[][] twoPass(DenseMatrix x) {
        int n = x.rows();
        int d = x.cols();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x.get(i, j);
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] cov = new double[d * d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[a * d + b] += (x.get(i, a) - mean[a]) * (x.get(i, b) - mean[b]);
                }
            }
        }
        for (int k = 0; k < cov.length; k++) {
            cov[k] /= n - 1;
        }
        return new double[][] {mean, cov};
    }

    static void assertClose(double[][] expected, GaussianStats s, double rel) {
        double scale = 0;
        for (double v : expected[1]) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int j = 0; j < expected[0].length; j++) {
            assertEquals(expected[0][j], s.mean()[j], rel * Math.max(1, Math.abs(expected[0][j])), "mean " + j);
        }
        for (int k = 0; k < expected[1].length; k++) {
            assertEquals(expected[1][k], s.covariance()[k], rel * scale, "cov " + k);
        }
    }

    @Test
    void manyBlocksMatchTwoPass() {
        DenseMatrix x = TestData.gaussian("x", 1003, 7, 21, 0.5);
        GaussianStats tiny = FeatureStatistics.compute(x, 7 * 10); // 101 blocks of 10 rows, the last of 3
        assertClose(twoPass(x), tiny, 1e-13);
        assertEquals(1003, tiny.n());
    }

    @Test
    void aLargeOffsetDoesNotCancel() {
        // mean 1e6 with unit spread: the naive sum-of-squares formula would lose every digit
        DenseMatrix x = TestData.gaussian("x", 500, 5, 3, 0);
        double[] shifted = TestData.affine(x.data(), 1.0, 1e6);
        DenseMatrix far = new DenseMatrix("far", 500, 5, shifted);
        GaussianStats s = FeatureStatistics.compute(far, 5 * 64);
        GaussianStats near = FeatureStatistics.compute(x);
        for (int k = 0; k < 25; k++) {
            assertEquals(near.covariance()[k], s.covariance()[k], 1e-8, "cov " + k);
        }
        assertEquals(1e6 + near.mean()[0], s.mean()[0], 1e-8);
    }

    @Test
    void npyFilesInBlocksMatchInMemory(@TempDir Path dir) throws IOException {
        DenseMatrix x = TestData.gaussian("x", 777, 9, 5, 2.0);
        float[] f = new float[x.data().length];
        double[] asFloat = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) x.data()[i];
            asFloat[i] = f[i];
        }
        Path p = dir.resolve("x.npy");
        NpyWriter.write(p, f, new long[] {777, 9});
        Path p64 = dir.resolve("x64.npy");
        NpyWriter.write(p64, asFloat, new long[] {777, 9}, NpyDtype.FLOAT64);
        double[][] expected = twoPass(new DenseMatrix("x32", 777, 9, asFloat));
        try (NpyFile a = NpyFile.open(p); NpyFile b = NpyFile.open(p64)) {
            assertClose(expected, FeatureStatistics.compute(a, 9 * 50), 1e-13);
            assertClose(expected, FeatureStatistics.compute(b, 9 * 50), 1e-13);
            assertClose(expected, FeatureStatistics.compute(a), 1e-13);
        }
        assertTrue(expected[1][0] > 0);
    }
}

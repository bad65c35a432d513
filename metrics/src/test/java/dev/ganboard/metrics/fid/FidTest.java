package dev.ganboard.metrics.fid;

import dev.ganboard.metrics.TestData;
import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static dev.ganboard.metrics.TestData.PHI;
import static dev.ganboard.metrics.TestData.SQRT2;
import static dev.ganboard.metrics.TestData.SQRT3;
import static dev.ganboard.metrics.TestData.SQRT5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FidTest {

    static GaussianStats identityStats(String name, int d, double mean) {
        double[] mu = new double[d];
        java.util.Arrays.fill(mu, mean);
        double[] cov = new double[d * d];
        for (int i = 0; i < d; i++) {
            cov[i * d + i] = 1.0;
        }
        return new GaussianStats(name, mu, cov, 10_000, d);
    }

    @Test
    void pytorchFidVectorMeansZeroVsOneIdentityCovariance2048d() {
        // pytorch-fid tests/test_fid_score.py: FID of N(0, I) vs N(1, I) in 2048-d is 2048
        FidResult r = Fid.between(identityStats("a", 2048, 0), identityStats("b", 2048, 1));
        assertEquals(2048.0, r.fid(), 1e-9);
        assertEquals(2048.0, r.meanTerm(), 0);
        assertEquals(2048.0, r.traceSqrtProduct(), 1e-9);
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    @Test
    void compareGanTwoDimensionalCase() {
        // compare_gan fid_score_test: real = ones(100, 2), real[:50, 0] = 2; gen = 9 ones(100, 2), gen[50:, 0] = 2
        double[][] real = new double[100][];
        double[][] gen = new double[100][];
        for (int i = 0; i < 100; i++) {
            real[i] = new double[] {i < 50 ? 2 : 1, 1};
            gen[i] = new double[] {i >= 50 ? 2 : 9, 9};
        }
        FidResult r = new Fid().compute(DenseMatrix.of("real", real), DenseMatrix.of("gen", gen));
        assertEquals(89.0909090909091, r.fid(), 1e-10); // 89.0 with the N denominator
        assertTrue(Double.isFinite(r.fid()));
        assertFalse(r.warnings().isEmpty(), "constant column: singular covariances must be flagged");
        assertEquals("eigh", r.traceMethod());
    }

    @Test
    void identicalSetsGiveZero() {
        DenseMatrix x = TestData.gaussian("x", 500, 20, 1, 0.5);
        FidResult r = new Fid().compute(x, x);
        assertEquals(0.0, r.fid(), 1e-9 * r.traceReal());
    }

    @Test
    void matchesNumpyReferenceFullRank() {
        // metrics/bench/reference_values.py: fid_full_rank (eigh formulation; scipy sqrtm agrees to 1e-15)
        DenseMatrix x = TestData.matrix("x", 60, 5, TestData.wavy(60, 5, PHI, SQRT2, 0.1));
        DenseMatrix y = TestData.matrix("y", 70, 5,
                TestData.affine(TestData.wavy(70, 5, SQRT3, SQRT5, 0.05), 1.5, 0.2));
        FidResult r = new Fid().compute(x, y);
        assertEquals(1.1828168631376716, r.fid(), 1e-12);
        assertEquals("cholesky", r.traceMethod());
        assertTrue(r.warnings().isEmpty());
    }

    @Test
    void rankDeficientGivesFiniteValueAndWarning() {
        // N < D on both sides: reference_values.py fid_rank_deficient; 0.91230282908899787961 in 50-digit
        // arithmetic, 0.9123028229838437 with numpy (which keeps sqrt(rounding noise) of the zero eigenvalues)
        DenseMatrix x = TestData.matrix("x", 8, 12, TestData.wavy(8, 12, PHI, SQRT2, 0.1));
        DenseMatrix y = TestData.matrix("y", 9, 12, TestData.wavy(9, 12, SQRT3, SQRT5, 0.05));
        FidResult r = new Fid().compute(x, y);
        assertEquals(0.91230282908899788, r.fid(), 1e-13);
        assertEquals(0.9123028229838437, r.fid(), 1e-8);
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("n_real = 8 <= dim = 12")), r.warnings().toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("n_fake = 9 <= dim = 12")), r.warnings().toString());
    }

    @Test
    void collapsedGeneratorIsFiniteAndFlagged() {
        DenseMatrix real = TestData.gaussian("real", 400, 16, 2, 0);
        double[] collapsed = new double[400 * 16];
        for (int i = 0; i < 400; i++) {
            for (int j = 0; j < 16; j++) {
                collapsed[i * 16 + j] = (i % 2) * (j % 3) * 0.5; // two distinct points: rank 1
            }
        }
        FidResult r = new Fid().compute(real, TestData.matrix("fake", 400, 16, collapsed));
        assertTrue(Double.isFinite(r.fid()) && r.fid() > 0);
        assertEquals("cholesky", r.traceMethod()); // real is full rank, so the fast path still applies
        FidResult swapped = new Fid().compute(TestData.matrix("fake", 400, 16, collapsed), real);
        assertEquals(r.fid(), swapped.fid(), 1e-9 * r.fid());
        assertTrue(swapped.warnings().stream().anyMatch(w -> w.contains("covariance of real is singular")),
                swapped.warnings().toString());
    }

    @Test
    void translationChangesOnlyTheMeanTerm() {
        DenseMatrix x = TestData.gaussian("x", 300, 10, 4, 0);
        double[] shifted = x.data().clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += (i % 10) * 0.5;
        }
        double expected = 0;
        for (int j = 0; j < 10; j++) {
            expected += (j * 0.5) * (j * 0.5);
        }
        FidResult r = new Fid().compute(x, TestData.matrix("y", 300, 10, shifted));
        assertEquals(expected, r.fid(), 1e-9);
    }

    @Test
    void covarianceUsesNMinusOne() {
        DenseMatrix x = TestData.gaussian("x", 50, 6, 8, 3);
        GaussianStats s = FeatureStatistics.compute(x);
        for (int a = 0; a < 6; a++) {
            for (int b = 0; b < 6; b++) {
                double ma = 0;
                double mb = 0;
                for (int i = 0; i < 50; i++) {
                    ma += x.get(i, a);
                    mb += x.get(i, b);
                }
                ma /= 50;
                mb /= 50;
                double c = 0;
                for (int i = 0; i < 50; i++) {
                    c += (x.get(i, a) - ma) * (x.get(i, b) - mb);
                }
                assertEquals(c / 49, s.covariance()[a * 6 + b], 1e-12);
            }
        }
    }

    @Test
    void storedStatisticsGiveTheSameFid(@TempDir Path dir) throws IOException {
        DenseMatrix x = TestData.gaussian("x", 200, 8, 5, 0);
        DenseMatrix y = TestData.gaussian("y", 220, 8, 6, 0.3);
        Path sx = dir.resolve("x.npz");
        FidStatisticsFile.write(sx, FeatureStatistics.compute(x));
        GaussianStats back = FidStatisticsFile.read(sx);
        assertEquals(200, back.n());
        FidResult fromStats = Fid.between(back, FeatureStatistics.compute(y));
        assertEquals(new Fid().compute(x, y).fid(), fromStats.fid(), 0);
    }

    @Test
    void rejectsBadInput() {
        DenseMatrix x = TestData.gaussian("x", 20, 4, 1, 0);
        DenseMatrix y3 = TestData.gaussian("y", 20, 3, 1, 0);
        assertTrue(assertThrows(InvalidInputException.class, () -> new Fid().compute(x, y3)).getMessage()
                .contains("dimension mismatch"));
        DenseMatrix one = TestData.matrix("one", 1, 4, new double[4]);
        assertTrue(assertThrows(InvalidInputException.class, () -> new Fid().compute(one, x)).getMessage()
                .contains("too few samples"));
        double[] bad = x.data().clone();
        bad[13 * 4 + 2] = Double.NaN;
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new Fid().compute(x, TestData.matrix("nan", 20, 4, bad)));
        assertTrue(e.getMessage().contains("NaN at row 13, column 2"), e.getMessage());
        bad[13 * 4 + 2] = Double.POSITIVE_INFINITY;
        e = assertThrows(InvalidInputException.class, () -> new Fid().compute(x, TestData.matrix("inf", 20, 4, bad)));
        assertTrue(e.getMessage().contains("infinite value Infinity at row 13"), e.getMessage());
    }
}

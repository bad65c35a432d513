package dev.ganboard.metrics.linalg;

import dev.ganboard.metrics.core.SplitMix64;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinalgTest {

    static double[] randomSymmetric(int d, long seed) {
        SplitMix64 r = new SplitMix64(seed);
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double v = r.nextGaussian();
                a[i * d + j] = v;
                a[j * d + i] = v;
            }
        }
        return a;
    }

    @Test
    void symmetricEigenvaluesMatchCommonsMath() {
        int d = 17;
        double[] a = randomSymmetric(d, 11);
        double[] ours;
        try (NativeMatrix m = NativeMatrix.of(a, d, d)) {
            ours = Linalg.symmetricEigenvalues(m);
        }
        double[][] rows = new double[d][d];
        for (int i = 0; i < d; i++) {
            rows[i] = Arrays.copyOfRange(a, i * d, (i + 1) * d);
        }
        double[] theirs = new EigenDecomposition(new Array2DRowRealMatrix(rows)).getRealEigenvalues();
        Arrays.sort(theirs);
        assertArrayEquals(theirs, ours, 1e-12);
    }

    @Test
    void eigenvectorsReconstructTheMatrix() {
        int d = 9;
        double[] a = randomSymmetric(d, 3);
        try (NativeMatrix v = NativeMatrix.of(a, d, d)) {
            double[] w = Linalg.symmetricEigen(v);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double s = 0;
                    for (int k = 0; k < d; k++) {
                        s += v.get(i, k) * w[k] * v.get(j, k);
                    }
                    assertEquals(a[i * d + j], s, 1e-12);
                }
            }
        }
    }

    @Test
    void choleskyReportsSingularMatrices() {
        try (NativeMatrix pd = NativeMatrix.of(new double[] {4, 2, 2, 3}, 2, 2);
             NativeMatrix singular = NativeMatrix.of(new double[] {1, 1, 1, 1}, 2, 2)) {
            assertTrue(Linalg.choleskyLower(pd));
            assertEquals(2.0, pd.get(0, 0), 0);
            assertEquals(1.0, pd.get(1, 0), 0);
            assertEquals(Math.sqrt(2), pd.get(1, 1), 1e-15);
            assertFalse(Linalg.choleskyLower(singular));
        }
    }

    @Test
    void mirrorsTheLowerTriangle() {
        int d = 70; // more than one 64-wide tile
        try (NativeMatrix m = NativeMatrix.zeros(d, d)) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++) {
                    m.put(i, j, i * 1000 + j);
                }
            }
            double[] full = Linalg.lowerToFull(m);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    assertEquals(Math.max(i, j) * 1000 + Math.min(i, j), full[j * d + i], 0);
                }
            }
        }
    }
}

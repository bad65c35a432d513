package dev.ganboard.metrics.linalg;

import dev.ganboard.metrics.core.SplitMix64;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
    void eigenvaluesOfAProductWithAPositiveDefiniteFactor() {
        // A B = [[2, 1], [1, 3]] [[4, 2], [2, 3]] = [[10, 7], [10, 11]]: trace 21, determinant 5 * 8 = 40
        try (NativeMatrix a = NativeMatrix.of(new double[] {2, 1, 1, 3}, 2, 2);
             NativeMatrix b = NativeMatrix.of(new double[] {4, 2, 2, 3}, 2, 2)) {
            double[] w = Linalg.eigenvaluesOfProduct(a, b);
            double disc = Math.sqrt(21.0 * 21.0 - 4 * 40);
            assertArrayEquals(new double[] {(21 - disc) / 2, (21 + disc) / 2}, w, 1e-13);
        }
        try (NativeMatrix a = NativeMatrix.of(new double[] {2, 1, 1, 3}, 2, 2);
             NativeMatrix singular = NativeMatrix.of(new double[] {1, 1, 1, 1}, 2, 2)) {
            assertNull(Linalg.eigenvaluesOfProduct(a, singular));
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

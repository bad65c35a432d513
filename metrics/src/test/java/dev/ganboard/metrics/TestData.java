package dev.ganboard.metrics;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.SplitMix64;

/** Deterministic test inputs; {@link #wavy} matches metrics/bench/reference_values.py bit for bit. */
public final class TestData {
    public static final double PHI = 0.6180339887498949;
    public static final double SQRT2 = 0.41421356237309503;
    public static final double SQRT3 = 0.7320508075688772;
    public static final double SQRT5 = 0.2360679774997897;

    private TestData() {
    }

    /** x[i, j] = (i a + j b + i j c) mod 1. */
    public static double[] wavy(int n, int d, double a, double b, double c) {
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (i * a + j * b + i * j * c) % 1.0;
            }
        }
        return x;
    }

    public static double[] affine(double[] x, double scale, double shift) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i] * scale + shift;
        }
        return y;
    }

    public static DenseMatrix matrix(String name, int n, int d, double[] data) {
        return new DenseMatrix(name, n, d, data);
    }

    /** Correlated Gaussian data: z A + mean, A a random d x d mixing matrix. */
    public static DenseMatrix gaussian(String name, int n, int d, long seed, double meanShift) {
        SplitMix64 rng = new SplitMix64(seed);
        double[] a = new double[d * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextGaussian() / Math.sqrt(d);
        }
        double[] x = new double[n * d];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                z[k] = rng.nextGaussian();
            }
            for (int j = 0; j < d; j++) {
                double s = meanShift;
                for (int k = 0; k < d; k++) {
                    s += z[k] * a[k * d + j];
                }
                x[i * d + j] = s;
            }
        }
        return new DenseMatrix(name, n, d, x);
    }
}

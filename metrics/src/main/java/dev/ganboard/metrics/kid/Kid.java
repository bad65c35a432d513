package dev.ganboard.metrics.kid;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.FeatureSource;
import dev.ganboard.metrics.core.Inputs;
import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.metrics.core.SplitMix64;
import dev.ganboard.metrics.core.TwoSampleMetric;
import dev.ganboard.metrics.linalg.Linalg;
import dev.ganboard.metrics.linalg.NativeMatrix;

/**
 * Kernel Inception Distance (Bińkowski et al. 2018): the unbiased estimate of MMD^2 with the polynomial kernel
 * k(x, y) = (x.y / d + 1)^3, averaged over {@code subsets} pairs of random subsets of {@code subsetSize} rows
 * drawn without replacement (real first, then fake, per subset) from a seeded {@link SplitMix64}.
 * Per subset: MMD^2 = [sum_{i != j} k(x_i, x_j) + sum_{i != j} k(y_i, y_j)] / (m (m - 1)) - 2 sum_{i, j} k(x_i, y_j) / m^2,
 * as in torch-fidelity and the KID paper's code. {@code subsets = 1} with {@code subsetSize = N} is the exact
 * estimate on all samples.
 */
public final class Kid implements TwoSampleMetric<KidResult> {
    public static final int DEFAULT_SUBSETS = 100;
    public static final int DEFAULT_SUBSET_SIZE = 1000;
    public static final long DEFAULT_SEED = 0;

    private final int subsets;
    private final Integer subsetSize;
    private final long seed;

    /** @param subsetSize rows per subset, or null for min(1000, n_real, n_fake) */
    public Kid(int subsets, Integer subsetSize, long seed) {
        Inputs.requirePositive("subsets", subsets);
        if (subsetSize != null && subsetSize < 2) {
            throw new InvalidInputException("subset size must be at least 2, got " + subsetSize);
        }
        this.subsets = subsets;
        this.subsetSize = subsetSize;
        this.seed = seed;
    }

    public Kid() {
        this(DEFAULT_SUBSETS, null, DEFAULT_SEED);
    }

    @Override
    public KidResult compute(FeatureSource realSource, FeatureSource fakeSource) {
        Inputs.requireSameDim(realSource, fakeSource);
        Inputs.requireCols(realSource, 1);
        Inputs.requireRows(realSource, 2, "KID");
        Inputs.requireRows(fakeSource, 2, "KID");
        int m = subsetSize != null ? subsetSize
                : Math.min(DEFAULT_SUBSET_SIZE, Math.min(realSource.rows(), fakeSource.rows()));
        Inputs.requireRows(realSource, m, "KID with subset size " + m);
        Inputs.requireRows(fakeSource, m, "KID with subset size " + m);
        DenseMatrix real = DenseMatrix.copyOf(realSource);
        DenseMatrix fake = DenseMatrix.copyOf(fakeSource);
        Inputs.requireFinite(real);
        Inputs.requireFinite(fake);

        int d = real.cols();
        SplitMix64 rng = new SplitMix64(seed);
        double[] mmd = new double[subsets];
        double[] gather = new double[m * d];
        double[] gram = new double[m * m];
        try (NativeMatrix x = NativeMatrix.allocate(d, m);
             NativeMatrix y = NativeMatrix.allocate(d, m);
             NativeMatrix k = NativeMatrix.allocate(m, m)) {
            for (int s = 0; s < subsets; s++) {
                load(real, rng.sampleWithoutReplacement(real.rows(), m), gather, x);
                load(fake, rng.sampleWithoutReplacement(fake.rows(), m), gather, y);
                mmd[s] = unbiasedMmd2(x, y, k, gram, d, m);
            }
        }
        double mean = 0;
        for (double v : mmd) {
            mean += v;
        }
        mean /= subsets;
        double var = 0;
        for (double v : mmd) {
            var += (v - mean) * (v - mean);
        }
        return new KidResult(mean, Math.sqrt(var / subsets), subsets, m, seed, real.rows(), fake.rows(), d);
    }

    /** Copies the chosen rows into a d x m column-major native matrix (one sample per column). */
    private static void load(DenseMatrix src, int[] rows, double[] gather, NativeMatrix dst) {
        int d = src.cols();
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(src.data(), rows[i] * d, gather, i * d, d);
        }
        dst.put(0, gather, 0, rows.length * d);
    }

    /** {@code gram} is scratch space for one m x m Gram matrix, reused across subsets. */
    private static double unbiasedMmd2(NativeMatrix x, NativeMatrix y, NativeMatrix k, double[] gram, int d, int m) {
        double gamma = 1.0 / d;
        Linalg.syrkLowerTransposed(1.0, x, 0.0, k);
        k.copyTo(gram);
        double xx = offDiagonalKernelSum(gram, m, gamma);
        Linalg.syrkLowerTransposed(1.0, y, 0.0, k);
        k.copyTo(gram);
        double yy = offDiagonalKernelSum(gram, m, gamma);
        Linalg.gemm(true, false, 1.0, x, y, 0.0, k);
        k.copyTo(gram);
        double xy = 0;
        double[] g = gram;
        for (int j = 0; j < m; j++) {
            double col = 0;
            int base = j * m;
            for (int i = 0; i < m; i++) {
                col += kernel(g[base + i], gamma);
            }
            xy += col;
        }
        return (xx + yy) / ((double) m * (m - 1)) - 2.0 * xy / ((double) m * m);
    }

    /** Sum over i != j of k(x_i, x_j) from the lower triangle of the Gram matrix. */
    private static double offDiagonalKernelSum(double[] gram, int m, double gamma) {
        double sum = 0;
        for (int j = 0; j < m; j++) {
            double col = 0;
            int base = j * m;
            for (int i = j + 1; i < m; i++) {
                col += kernel(gram[base + i], gamma);
            }
            sum += col;
        }
        return 2.0 * sum;
    }

    private static double kernel(double dot, double gamma) {
        double t = dot * gamma + 1.0;
        return t * t * t;
    }
}

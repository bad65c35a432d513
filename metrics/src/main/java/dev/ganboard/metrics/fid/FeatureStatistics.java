package dev.ganboard.metrics.fid;

import dev.ganboard.metrics.core.FeatureSource;
import dev.ganboard.metrics.core.Inputs;
import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.metrics.linalg.Linalg;
import dev.ganboard.metrics.linalg.NativeMatrix;
import java.nio.DoubleBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Mean and covariance of features in float64 with the N-1 denominator (numpy's np.cov default, as pytorch-fid,
 * torch-fidelity and clean-fid use), in one pass over the data in row blocks.
 * <p>
 * The data are shifted by s, the mean of the first block, before the rank-k updates (dsyrk):
 * Sigma = [sum_i (x_i - s)(x_i - s)^T - N (mu - s)(mu - s)^T] / (N - 1). Because s lies within a few standard
 * errors of mu, the correction term is tiny and nothing cancels: this "shifted data" form (Chan, Golub &amp;
 * LeVeque 1983) matches the two-pass np.cov to rounding while reading the file once. While OpenBLAS works on one
 * block, a second thread reads, converts and shifts the next one into the other of two native buffers.
 * Memory: two 16 MiB blocks plus the D x D result, whatever N.
 */
public final class FeatureStatistics {
    /** Values per block (16 MiB of float64): large enough for dsyrk to run at full speed. */
    private static final int BLOCK_VALUES = 1 << 21;

    private FeatureStatistics() {
    }

    public static GaussianStats compute(FeatureSource x) {
        return compute(x, BLOCK_VALUES);
    }

    /** With a given block size in values (tests use small blocks to cross many block boundaries). */
    static GaussianStats compute(FeatureSource x, int blockValues) {
        try (BlockBuffers buffers = new BlockBuffers(); NativeGaussian g = accumulate(x, buffers, blockValues)) {
            return g.toStats();
        }
    }

    /** The same statistics with the covariance kept native (lower triangle); the caller closes the result. */
    static NativeGaussian accumulate(FeatureSource x, BlockBuffers buffers) {
        return accumulate(x, buffers, BLOCK_VALUES);
    }

    private static NativeGaussian accumulate(FeatureSource x, BlockBuffers buffers, int blockValues) {
        Inputs.requireCols(x, 1);
        Inputs.requireRows(x, 2, "a covariance with the N-1 denominator");
        int n = x.rows();
        int d = x.cols();
        int block = Math.max(1, Math.min(n, blockValues / d));
        double[] shift = firstBlockMean(x, Math.min(block, n));
        double[] sums = new double[d];
        buffers.ensure((long) block * d);

        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "feature-reader");
            t.setDaemon(true);
            return t;
        });
        NativeMatrix cov = NativeMatrix.allocate(d, d);
        try {
            CompletableFuture<Void> next = fill(reader, x, 0, Math.min(block, n), shift, buffers.view(0), sums);
            int cur = 0;
            for (int r = 0; r < n; r += block) {
                int count = Math.min(block, n - r);
                join(next);
                int following = r + block;
                if (following < n) {
                    next = fill(reader, x, following, Math.min(block, n - following), shift, buffers.view(1 - cur),
                            sums);
                }
                Linalg.syrkLower(d, count, 1.0 / (n - 1), buffers.pointer(cur), r == 0 ? 0.0 : 1.0, cov);
                cur = 1 - cur;
            }
            return finish(x, cov, shift, sums);
        } catch (RuntimeException e) {
            cov.close();
            throw e;
        } finally {
            reader.shutdownNow();
        }
    }

    private static CompletableFuture<Void> fill(ExecutorService reader, FeatureSource x, int first, int count,
                                                double[] shift, DoubleBuffer dst, double[] sums) {
        // one reader thread and one pending block at a time, so the column sums are never updated concurrently
        return CompletableFuture.runAsync(() -> x.readRowsShifted(first, count, shift, dst, sums), reader);
    }

    private static void join(CompletableFuture<Void> f) {
        try {
            f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private static double[] firstBlockMean(FeatureSource x, int rows) {
        int d = x.cols();
        double[] buf = new double[rows * d];
        x.readRows(0, rows, buf);
        double[] mean = new double[d];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += buf[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            // a NaN/Inf here is reported with its row by the check in finish(); 0 keeps the shift harmless
            mean[j] = Double.isFinite(mean[j]) ? mean[j] / rows : 0.0;
        }
        return mean;
    }

    private static NativeGaussian finish(FeatureSource x, NativeMatrix cov, double[] shift, double[] sums) {
        int n = x.rows();
        int d = x.cols();
        // Any NaN/Inf makes its column sum non-finite, so the data is scanned again only when something is wrong.
        for (int j = 0; j < d; j++) {
            if (!Double.isFinite(sums[j])) {
                Inputs.requireFinite(x);
                throw new InvalidInputException(x.name() + ": values too large: the sum of column " + j
                        + " overflows float64");
            }
        }
        double[] delta = new double[d];
        double[] mean = new double[d];
        for (int j = 0; j < d; j++) {
            delta[j] = sums[j] / n;
            mean[j] = shift[j] + delta[j];
        }
        Linalg.rankOneUpdateLower(-(double) n / (n - 1), delta, cov);
        for (int j = 0; j < d; j++) {
            if (!Double.isFinite(cov.get(j, j))) {
                throw new InvalidInputException(x.name() + ": values too large: the variance of column " + j
                        + " overflows float64");
            }
        }
        return new NativeGaussian(x.name(), mean, cov, n);
    }
}

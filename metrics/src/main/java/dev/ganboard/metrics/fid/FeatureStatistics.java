package dev.ganboard.metrics.fid;

import dev.ganboard.metrics.core.FeatureSource;
import dev.ganboard.metrics.core.Inputs;
import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.metrics.linalg.Linalg;
import dev.ganboard.metrics.linalg.NativeMatrix;
import org.bytedeco.javacpp.DoublePointer;

import java.nio.DoubleBuffer;

/**
 * Mean and covariance of features in float64 with the N-1 denominator (numpy's np.cov default, as pytorch-fid,
 * torch-fidelity and clean-fid use). Two passes over the data in row blocks: the mean, then a rank-k update
 * (dsyrk) with each centred block, so memory stays at one block plus the D x D result.
 */
public final class FeatureStatistics {
    /** Values per block (16 MiB of float64): large enough for dsyrk to run at full speed. */
    private static final int BLOCK_VALUES = 1 << 21;

    private FeatureStatistics() {
    }

    public static GaussianStats compute(FeatureSource x) {
        return compute(x, mean(x));
    }

    /** The float64 column means; fails on the first NaN/Inf (by row and column) or on overflow. */
    public static double[] mean(FeatureSource x) {
        Inputs.requireCols(x, 1);
        Inputs.requireRows(x, 2, "a covariance with the N-1 denominator");
        int n = x.rows();
        int d = x.cols();
        int block = blockRows(n, d);
        double[] buf = new double[block * d];
        double[] mean = new double[d];
        for (int r = 0; r < n; r += block) {
            int count = Math.min(block, n - r);
            x.readRows(r, count, buf);
            for (int i = 0; i < count; i++) {
                int base = i * d;
                for (int j = 0; j < d; j++) {
                    mean[j] += buf[base + j];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        // Any NaN/Inf makes its column sum non-finite, so the data is scanned again only when something is wrong.
        for (int j = 0; j < d; j++) {
            if (!Double.isFinite(mean[j])) {
                Inputs.requireFinite(x);
                throw new InvalidInputException(x.name() + ": values too large: the sum of column " + j
                        + " overflows float64");
            }
        }
        return mean;
    }

    /** Mean and covariance, given the mean from {@link #mean}. */
    public static GaussianStats compute(FeatureSource x, double[] mean) {
        int n = x.rows();
        int d = x.cols();
        int block = blockRows(n, d);
        try (NativeMatrix cov = NativeMatrix.allocate(d, d);
             DoublePointer centred = new DoublePointer((long) block * d)) {
            DoubleBuffer view = centred.asBuffer();
            for (int r = 0; r < n; r += block) {
                int count = Math.min(block, n - r);
                x.readRowsShifted(r, count, mean, view);
                Linalg.syrkLower(d, count, 1.0 / (n - 1), centred, r == 0 ? 0.0 : 1.0, cov);
            }
            double[] full = Linalg.lowerToFull(cov);
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(full[j * d + j])) {
                    throw new InvalidInputException(x.name() + ": values too large: the variance of column " + j
                            + " overflows float64");
                }
            }
            return new GaussianStats(x.name(), mean, full, n, d);
        }
    }

    private static int blockRows(int n, int d) {
        return Math.max(1, Math.min(n, BLOCK_VALUES / d));
    }
}

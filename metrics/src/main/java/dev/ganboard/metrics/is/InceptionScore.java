package dev.ganboard.metrics.is;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.FeatureSource;
import dev.ganboard.metrics.core.Inputs;
import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.metrics.core.OneSampleMetric;
import dev.ganboard.metrics.core.SplitMix64;

/**
 * Inception Score (Salimans et al. 2016) from class probabilities p(y|x), rows of an [N, K] matrix:
 * IS = exp(E_x KL(p(y|x) || p(y))) with p(y) the mean row of the split. The rows are shuffled with a seeded
 * {@link SplitMix64} permutation, cut into {@code splits} contiguous parts [i N / s, (i + 1) N / s) as
 * torch-fidelity does, and the mean and population std (ddof = 0) of the per-split scores are reported.
 * 0 log 0 = 0. {@code splits = 1} scores the whole set (std = 0).
 */
public final class InceptionScore implements OneSampleMetric<InceptionScoreResult> {
    public static final int DEFAULT_SPLITS = 10;
    public static final long DEFAULT_SEED = 0;
    /** How far a row may sum from 1: float32 softmax outputs are off by ~1e-7 per class. */
    static final double ROW_SUM_TOLERANCE = 1e-3;

    private final int splits;
    private final long seed;

    public InceptionScore(int splits, long seed) {
        Inputs.requirePositive("splits", splits);
        this.splits = splits;
        this.seed = seed;
    }

    public InceptionScore() {
        this(DEFAULT_SPLITS, DEFAULT_SEED);
    }

    @Override
    public InceptionScoreResult compute(FeatureSource probabilities) {
        DenseMatrix p = DenseMatrix.copyOf(probabilities);
        int n = p.rows();
        int k = p.cols();
        Inputs.requireCols(p, 1);
        Inputs.requireRows(p, splits, splits + " split(s)");
        validate(p);

        int[] order = new SplitMix64(seed).permutation(n);
        double[] scores = new double[splits];
        double[] marginal = new double[k];
        for (int s = 0; s < splits; s++) {
            int from = (int) ((long) s * n / splits);
            int to = (int) ((long) (s + 1) * n / splits);
            java.util.Arrays.fill(marginal, 0);
            for (int r = from; r < to; r++) {
                int base = order[r] * k;
                for (int c = 0; c < k; c++) {
                    marginal[c] += p.data()[base + c];
                }
            }
            for (int c = 0; c < k; c++) {
                marginal[c] /= (to - from);
            }
            double klSum = 0;
            for (int r = from; r < to; r++) {
                int base = order[r] * k;
                for (int c = 0; c < k; c++) {
                    double pc = p.data()[base + c];
                    if (pc > 0) {
                        klSum += pc * (Math.log(pc) - Math.log(marginal[c]));
                    }
                }
            }
            scores[s] = Math.exp(klSum / (to - from));
        }
        double mean = 0;
        for (double v : scores) {
            mean += v;
        }
        mean /= splits;
        double var = 0;
        for (double v : scores) {
            var += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(var / splits);
        return new InceptionScoreResult(mean, std, scores, n, k, splits, seed);
    }

    private static void validate(DenseMatrix p) {
        int k = p.cols();
        double[] d = p.data();
        for (int r = 0; r < p.rows(); r++) {
            double sum = 0;
            for (int c = 0; c < k; c++) {
                double v = d[r * k + c];
                if (!Double.isFinite(v)) {
                    throw Inputs.nonFinite(p, r, c, v);
                }
                if (v < 0 || v > 1 + ROW_SUM_TOLERANCE) {
                    throw new InvalidInputException(p.name() + ": row " + r + ", column " + c + " is " + v
                            + ": IS expects class probabilities in [0, 1] (softmax outputs, not logits)");
                }
                sum += v;
            }
            if (Math.abs(sum - 1.0) > ROW_SUM_TOLERANCE) {
                throw new InvalidInputException(p.name() + ": row " + r + " sums to " + sum
                        + ": IS expects class probabilities that sum to 1 (softmax outputs, not logits)");
            }
        }
    }
}

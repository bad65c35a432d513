package dev.ganboard.metrics.modes;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.FeatureSource;
import dev.ganboard.metrics.core.Inputs;
import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.metrics.core.OneSampleMetric;

/**
 * Mode collapse on a known 2-D mixture: a sample is of high quality (HQ) if its distance to the nearest mode is
 * strictly less than 3 sigma; a mode is covered if it is the nearest mode of at least one HQ sample;
 * kl_uniform = sum_i p_i ln(p_i K) = KL(p || uniform) over the histogram p of HQ samples' nearest modes
 * (0 ln 0 = 0; null when there is no HQ sample).
 */
public final class ModeCoverage implements OneSampleMetric<ModeCoverageResult> {
    private final Mixture mixture;

    public ModeCoverage(Mixture mixture) {
        this.mixture = mixture;
    }

    @Override
    public ModeCoverageResult compute(FeatureSource source) {
        if (source.cols() != 2) {
            throw new InvalidInputException(source.name() + ": shape (" + source.rows() + ", " + source.cols()
                    + "): mode metrics need 2-D points, shape [N, 2]");
        }
        Inputs.requireRows(source, 1, "mode metrics");
        DenseMatrix x = DenseMatrix.copyOf(source);
        Inputs.requireFinite(x);
        int k = mixture.size();
        double threshold = 3 * mixture.sigma();
        int[] counts = new int[k];
        int hq = 0;
        for (int s = 0; s < x.rows(); s++) {
            double px = x.get(s, 0);
            double py = x.get(s, 1);
            int nearest = 0;
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < k; i++) {
                double[] c = mixture.mode(i);
                double d = Math.hypot(px - c[0], py - c[1]);
                if (d < best) {
                    best = d;
                    nearest = i;
                }
            }
            if (best < threshold) {
                counts[nearest]++;
                hq++;
            }
        }
        int covered = 0;
        Double kl = null;
        if (hq > 0) {
            double sum = 0;
            for (int c : counts) {
                if (c > 0) {
                    covered++;
                    double p = (double) c / hq;
                    sum += p * Math.log(p * k);
                }
            }
            kl = sum;
        }
        return new ModeCoverageResult(mixture, covered, (double) hq / x.rows(), kl, counts, x.rows());
    }
}

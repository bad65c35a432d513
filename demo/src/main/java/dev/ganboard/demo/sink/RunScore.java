package dev.ganboard.demo.sink;

import dev.ganboard.demo.train.Samples;
import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.fid.Fid;
import dev.ganboard.metrics.modes.Mixture;
import dev.ganboard.metrics.modes.ModeCoverage;
import dev.ganboard.metrics.modes.ModeCoverageResult;

/**
 * The headline numbers of one run's last checkpoint: modes covered, fraction of high-quality samples and FID on
 * the raw 2-D points (identity features). {@code diverged}: the samples were not finite, nothing was computed.
 */
public record RunScore(int modesCovered, int modes, double hqFraction, double fid, boolean diverged) {

    public static RunScore of(Mixture mixture, Samples samples) {
        if (!samples.allFinite()) {
            return new RunScore(0, mixture.size(), 0, Double.NaN, true);
        }
        DenseMatrix points = new DenseMatrix("samples", samples.rows(), samples.cols(), samples.toDoubles());
        ModeCoverageResult modes = new ModeCoverage(mixture).compute(points);
        double fid = new Fid().compute(mixture.referenceSample(samples.rows()), points).fid();
        return new RunScore(modes.modesCovered(), mixture.size(), modes.hqFraction(), fid, false);
    }
}

package dev.ganboard.worker.dataset;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.FeatureSource;
import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.metrics.core.MetricResult;
import dev.ganboard.metrics.modes.Mixture;
import dev.ganboard.metrics.modes.ModeCoverage;
import dev.ganboard.metrics.modes.ModeCoverageResult;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A 2-D Gaussian mixture (ring8, grid25). The reference sample is {@link Mixture#referenceSample}: one fixed stream
 * (SplitMix64(seed), per point a mode drawn uniformly and then centre + sigma * N(0, 1) per coordinate) of which a
 * reference of n points is the first n, so every size is a prefix of every larger one.
 */
public final class MixtureDataset implements Dataset {
    private final Mixture mixture;
    private double[] stream = new double[0];

    public MixtureDataset(Mixture mixture) {
        this.mixture = mixture;
    }

    @Override
    public String id() {
        return mixture.id();
    }

    @Override
    public String defaultExtractor() {
        return "identity";
    }

    @Override
    public void requireSampleShape(FeatureSource samples) {
        if (samples.cols() != 2) {
            throw new InvalidInputException(samples.name() + ": wrong shape (" + samples.rows() + ", "
                    + samples.cols() + "): " + id() + " samples are 2-D points, shape [N, 2]");
        }
    }

    @Override
    public synchronized DenseMatrix reference(int n) {
        if (stream.length < 2 * n) {
            stream = mixture.referenceSample(n).data();
        }
        return new DenseMatrix(id() + " reference", n, 2, Arrays.copyOf(stream, 2 * n));
    }

    @Override
    public Map<String, Object> referenceDescription(int n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", id());
        m.put("n", n);
        m.put("seed", Mixture.REFERENCE_SEED);
        m.put("generator", "SplitMix64: mode = nextInt(K), point = centre + sigma * nextGaussian() per coordinate");
        m.put("sigma", mixture.sigma());
        return m;
    }

    @Override
    public MetricResult collapse(DenseMatrix samples) {
        return new ModeCoverage(mixture).compute(samples);
    }

    @Override
    public boolean collapsed(MetricResult indicators) {
        return 2 * ((ModeCoverageResult) indicators).modesCovered() <= mixture.size();
    }

    @Override
    public String collapseRule() {
        return "collapsed when at most half of the modes are covered (modes_covered <= n_modes / 2)";
    }
}

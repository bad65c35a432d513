package dev.ganboard.worker.features;

import dev.ganboard.metrics.core.FeatureSource;

/** The samples themselves are the features: right for low-dimensional data such as the 2-D mixtures. */
public final class IdentityExtractor implements FeatureExtractor {
    public static final String ID = "identity";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public FeatureSource extract(FeatureSource samples) {
        return samples;
    }
}

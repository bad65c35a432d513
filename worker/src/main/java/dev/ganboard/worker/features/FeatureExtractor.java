package dev.ganboard.worker.features;

import dev.ganboard.metrics.core.FeatureSource;

/**
 * Maps samples to the feature space the two-sample metrics (FID, KID, precision/recall) work in. Numbers from
 * different extractors are never comparable, so every stored evaluation names its extractor by {@link #id()}.
 */
public interface FeatureExtractor {
    /** E.g. "identity", "domain-cnn:fashion-mnist" or "inception-fid". */
    String id();

    FeatureSource extract(FeatureSource samples);

    /** The weights file whose SHA-256 goes into every evaluation's fingerprint, or null (no weights). */
    default java.nio.file.Path weightsFile() {
        return null;
    }

    /** The preprocessing convention, in words, for the fingerprint. */
    default String preprocessing() {
        return "none: the samples are the features";
    }
}

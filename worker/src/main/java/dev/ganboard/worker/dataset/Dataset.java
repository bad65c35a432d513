package dev.ganboard.worker.dataset;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.FeatureSource;
import dev.ganboard.metrics.core.MetricResult;
import java.util.Map;

/**
 * What the worker knows about a project's dataset: the real distribution to compare generated samples with, and
 * its collapse indicators. Two kinds: the 2-D mixtures ({@link MixtureDataset}: a seeded reference sample, mode
 * coverage) and image datasets ({@link ImageDataset}: a held-out reference split, class coverage by the domain
 * classifier).
 */
public interface Dataset {
    /** As a project names it, e.g. "ring8". */
    String id();

    /** The feature extractor the suite uses when the upload asks for none. */
    String defaultExtractor();

    /** Fails with a message naming the expected shape when generated samples cannot come from this dataset. */
    void requireSampleShape(FeatureSource samples);

    /** {@code n} samples of the real distribution, identical on every call and every machine. */
    DenseMatrix reference(int n);

    /** A description of {@link #reference} (generator, seed) stored with every number computed against it. */
    Map<String, Object> referenceDescription(int n);

    /** The dataset's mode-collapse indicators of generated samples. */
    MetricResult collapse(DenseMatrix samples);

    /** Whether {@link #collapse}'s indicators say the generator collapsed, by {@link #collapseRule()}. */
    boolean collapsed(MetricResult indicators);

    /** The rule in words, stored with every verdict. */
    String collapseRule();
}

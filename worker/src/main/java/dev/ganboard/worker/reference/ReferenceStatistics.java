package dev.ganboard.worker.reference;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.FeatureSource;
import dev.ganboard.metrics.fid.FeatureStatistics;
import dev.ganboard.metrics.fid.GaussianStats;
import dev.ganboard.worker.EvaluationFailure;
import dev.ganboard.worker.classifier.Progress;
import dev.ganboard.worker.dataset.Dataset;
import dev.ganboard.worker.dataset.Datasets;
import dev.ganboard.worker.dataset.ImageDataset;
import dev.ganboard.worker.features.FeatureExtractor;
import dev.ganboard.worker.features.FeatureExtractors;
import dev.ganboard.worker.features.ImageFeatureExtractor;

/**
 * FID statistics (mean, covariance with N - 1, n) of a dataset's reference in an extractor's feature space: for an
 * image dataset its held-out (or training) split, the same features the suite compares samples with; for a 2-D
 * mixture {@code n} points of its deterministic reference sample.
 */
public final class ReferenceStatistics {
    private final Datasets datasets;
    private final FeatureExtractors extractors;

    public ReferenceStatistics(Datasets datasets, FeatureExtractors extractors) {
        this.datasets = datasets;
        this.extractors = extractors;
    }

    /** The dataset's default extractor when none is named. */
    public String extractorFor(String datasetId, String extractorId) {
        return extractorId != null ? extractorId : datasets.find(datasetId).defaultExtractor();
    }

    /** Image datasets have splits; a 2-D mixture's reference is a deterministic sample of n points. */
    public boolean hasSplits(String datasetId) {
        return datasets.find(datasetId) instanceof ImageDataset;
    }

    /** @param extractorId null for the dataset's default; @param n points of a mixture (ignored for images) */
    public GaussianStats compute(String datasetId, String extractorId, String split, int n, Progress progress) {
        Dataset dataset = datasets.find(datasetId);
        FeatureExtractor extractor = extractors.find(extractorId != null ? extractorId : dataset.defaultExtractor());
        if (dataset instanceof ImageDataset images) {
            if (!"test".equals(split) && !"train".equals(split)) {
                throw new EvaluationFailure("split '" + split + "': use test (the held-out split the suite compares "
                        + "with) or train");
            }
            if (!(extractor instanceof ImageFeatureExtractor image)) {
                throw new EvaluationFailure("feature extractor " + extractor.id() + " does not take images");
            }
            DenseMatrix f = image.referenceFeatures(images, split, progress);
            return FeatureStatistics.compute(f);
        }
        if (n < 2) {
            throw new EvaluationFailure("--n " + n + ": statistics of a mixture need at least 2 points");
        }
        FeatureSource f = extractor.extract(dataset.reference(n));
        return FeatureStatistics.compute(f);
    }
}

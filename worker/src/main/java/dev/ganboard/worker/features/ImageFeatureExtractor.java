package dev.ganboard.worker.features;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.worker.classifier.Progress;
import dev.ganboard.worker.dataset.ImageDataset;
import dev.ganboard.worker.dataset.ImageSet;
import java.util.Map;

/** An extractor for images: features of generated images, and (computed once, cached) of a dataset's splits. */
public interface ImageFeatureExtractor extends FeatureExtractor {
    DenseMatrix features(ImageSet images, Progress progress);

    /** Features of the dataset's held-out ("test") or training ("train") images. */
    DenseMatrix referenceFeatures(ImageDataset dataset, String split, Progress progress);

    /** Stored with every evaluation that used it: model, preprocessing, and what it was trained on. */
    Map<String, Object> describe();
}

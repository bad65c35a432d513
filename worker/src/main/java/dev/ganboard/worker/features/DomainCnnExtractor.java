package dev.ganboard.worker.features;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.FeatureSource;
import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.worker.classifier.DomainClassifiers;
import dev.ganboard.worker.classifier.DomainModel;
import dev.ganboard.worker.classifier.Progress;
import dev.ganboard.worker.dataset.ImageDataset;
import dev.ganboard.worker.dataset.ImageSet;
import java.util.Map;

/**
 * {@code domain-cnn:<dataset>}: the penultimate layer (after ReLU) of the dataset's domain classifier, trained on
 * its training split on first use and cached (see {@link DomainClassifiers}). Takes images of the dataset's shape.
 */
public final class DomainCnnExtractor implements ImageFeatureExtractor {
    public static final String PREFIX = "domain-cnn:";

    private final ImageDataset dataset;
    private final DomainClassifiers classifiers;

    public DomainCnnExtractor(ImageDataset dataset, DomainClassifiers classifiers) {
        this.dataset = dataset;
        this.classifiers = classifiers;
    }

    @Override
    public String id() {
        return PREFIX + dataset.id();
    }

    public ImageDataset dataset() {
        return dataset;
    }

    public DomainModel model(Progress training) {
        return classifiers.get(dataset, training);
    }

    /** The trained classifier's cached parameters. */
    @Override
    public java.nio.file.Path weightsFile() {
        Object file = model(Progress.NONE).description().get("cache_file");
        return file == null ? null : java.nio.file.Path.of(file.toString());
    }

    @Override
    public String preprocessing() {
        return "images mapped onto [0, 1] by their pixel range, then (x - 0.5) / 0.5; the penultimate layer (after "
                + "ReLU) of the dataset's domain classifier";
    }

    @Override
    public FeatureSource extract(FeatureSource samples) {
        int[] s = dataset.imageShape();
        if (samples.cols() != s[0] * s[1] * s[2]) {
            throw new InvalidInputException(samples.name() + ": " + id() + " takes images of shape " + s[0] + "x"
                    + s[1] + "x" + s[2] + " (" + s[0] * s[1] * s[2] + " values per row), got " + samples.cols());
        }
        return features(ImageSet.of(DenseMatrix.copyOf(samples), s, null), Progress.NONE);
    }

    @Override
    public DenseMatrix features(ImageSet images, Progress progress) {
        return model(Progress.NONE).classifier().predict(images, progress).featureMatrix(id() + " features");
    }

    @Override
    public DenseMatrix referenceFeatures(ImageDataset reference, String split, Progress progress) {
        if (!reference.id().equals(dataset.id())) {
            throw new InvalidInputException(id() + " reference features of another dataset (" + reference.id()
                    + ") are not cached; use domain-cnn:" + reference.id());
        }
        DomainModel m = model(Progress.NONE);
        return classifiers.splitOutputs(m, dataset, split, progress).featureMatrix(dataset.id() + " " + split);
    }

    @Override
    public Map<String, Object> describe() {
        return model(Progress.NONE).description();
    }
}

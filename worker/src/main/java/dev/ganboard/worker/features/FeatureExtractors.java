package dev.ganboard.worker.features;

import dev.ganboard.worker.ImageSettings;
import dev.ganboard.worker.classifier.DomainClassifiers;
import dev.ganboard.worker.dataset.Dataset;
import dev.ganboard.worker.dataset.Datasets;
import dev.ganboard.worker.dataset.ImageDataset;
import dev.ganboard.worker.EvaluationFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The feature extractors this worker has, by id: fixed ones ({@code identity}, {@code inception-fid}) and one
 * {@code domain-cnn:<dataset>} per image dataset, made on first use.
 */
public final class FeatureExtractors {
    private final Map<String, FeatureExtractor> byId = new LinkedHashMap<>();
    private final Datasets datasets;
    private final DomainClassifiers classifiers;
    private final Map<String, FeatureExtractor> domain = new ConcurrentHashMap<>();

    public FeatureExtractors(FeatureExtractor... extractors) {
        this(null, null, extractors);
    }

    private FeatureExtractors(Datasets datasets, DomainClassifiers classifiers, FeatureExtractor... extractors) {
        this.datasets = datasets;
        this.classifiers = classifiers;
        for (FeatureExtractor e : extractors) {
            byId.put(e.id(), e);
        }
    }

    /** Only {@code identity} (the 2-D datasets). */
    public static FeatureExtractors standard() {
        return new FeatureExtractors(new IdentityExtractor());
    }

    public static FeatureExtractors standard(Datasets datasets, DomainClassifiers classifiers, ImageSettings s) {
        return new FeatureExtractors(datasets, classifiers, new IdentityExtractor(),
                new InceptionExtractor(s.inceptionPath(), s.cacheDir()));
    }

    public FeatureExtractor find(String id) {
        FeatureExtractor e = byId.get(id);
        if (e != null) {
            return e;
        }
        if (id != null && id.startsWith(DomainCnnExtractor.PREFIX) && classifiers != null) {
            return domain.computeIfAbsent(id, k -> {
                Dataset d = datasets.find(k.substring(DomainCnnExtractor.PREFIX.length()));
                if (!(d instanceof ImageDataset images)) {
                    throw new EvaluationFailure("feature extractor '" + k + "': " + d.id()
                            + " is not an image dataset, so it has no domain classifier");
                }
                return new DomainCnnExtractor(images, classifiers);
            });
        }
        throw new EvaluationFailure("feature extractor '" + id + "' is not available in this worker yet "
                + "(available: " + String.join(", ", byId.keySet())
                + (classifiers != null ? ", domain-cnn:<image dataset>" : "") + ")");
    }
}

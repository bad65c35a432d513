package dev.ganboard.worker.features;

import dev.ganboard.worker.eval.EvaluationFailure;
import java.util.LinkedHashMap;
import java.util.Map;

/** The feature extractors this worker has, by id. */
public final class FeatureExtractors {
    private final Map<String, FeatureExtractor> byId = new LinkedHashMap<>();

    public FeatureExtractors(FeatureExtractor... extractors) {
        for (FeatureExtractor e : extractors) {
            byId.put(e.id(), e);
        }
    }

    public static FeatureExtractors standard() {
        return new FeatureExtractors(new IdentityExtractor());
    }

    public FeatureExtractor find(String id) {
        FeatureExtractor e = byId.get(id);
        if (e == null) {
            throw new EvaluationFailure("feature extractor '" + id + "' is not available in this worker yet "
                    + "(available: " + String.join(", ", byId.keySet()) + ")");
        }
        return e;
    }
}

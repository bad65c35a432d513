package dev.ganboard.worker.dataset;

import dev.ganboard.metrics.modes.Mixture;
import dev.ganboard.worker.eval.EvaluationFailure;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The datasets this worker can evaluate against, by the id a project gives. */
public final class Datasets {
    private final Map<String, Dataset> byId = new LinkedHashMap<>();

    public Datasets(Dataset... datasets) {
        for (Dataset d : datasets) {
            byId.put(d.id(), d);
        }
    }

    public static Datasets standard() {
        return new Datasets(new MixtureDataset(Mixture.RING8), new MixtureDataset(Mixture.GRID25));
    }

    public Dataset find(String id) {
        if (id == null || id.isBlank()) {
            throw new EvaluationFailure("the run's project names no dataset, so there is nothing to compare the "
                    + "samples with (supported: " + String.join(", ", byId.keySet()) + ")");
        }
        Dataset d = byId.get(id.strip().toLowerCase(Locale.ROOT));
        if (d == null) {
            throw new EvaluationFailure("dataset '" + id + "' is not supported by this worker yet (supported: "
                    + String.join(", ", byId.keySet()) + ")");
        }
        return d;
    }
}

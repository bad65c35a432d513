package dev.ganboard.worker.eval;

import dev.ganboard.protocol.checkpoint.CheckpointKind;
import dev.ganboard.worker.WorkerSettings;
import dev.ganboard.worker.dataset.Datasets;
import dev.ganboard.worker.features.FeatureExtractors;
import dev.ganboard.worker.generator.TorchScriptEvaluator;
import java.util.LinkedHashMap;
import java.util.Map;

/** The evaluator for each checkpoint kind this worker supports. */
public final class Evaluators {
    private final Map<String, Evaluator> byKind = new LinkedHashMap<>();

    public Evaluators(Evaluator... evaluators) {
        for (Evaluator e : evaluators) {
            byKind.put(e.kind(), e);
        }
    }

    public static Evaluators standard(int maxSamples) {
        return standard(maxSamples, Math.min(maxSamples, WorkerSettings.DEFAULT_GENERATED_SAMPLES));
    }

    /**
     * @param generatedSamples samples drawn from a generator whose upload names no n_samples (at most maxSamples)
     */
    public static Evaluators standard(int maxSamples, int generatedSamples) {
        SamplesEvaluator samples = new SamplesEvaluator(Datasets.standard(), FeatureExtractors.standard(), maxSamples);
        return new Evaluators(samples,
                new TorchScriptEvaluator(samples::evaluateSamples, Math.min(generatedSamples, maxSamples), maxSamples));
    }

    public Evaluator forKind(String kind) {
        Evaluator e = byKind.get(kind);
        if (e != null) {
            return e;
        }
        if (CheckpointKind.ALL.contains(kind)) {
            throw new EvaluationFailure("checkpoint kind '" + kind + "' is not supported by this worker yet "
                    + "(supported: " + String.join(", ", byKind.keySet()) + ")");
        }
        throw new EvaluationFailure("unknown checkpoint kind '" + kind + "' (known: "
                + String.join(", ", CheckpointKind.ALL) + ")");
    }
}

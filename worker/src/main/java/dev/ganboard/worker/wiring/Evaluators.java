package dev.ganboard.worker.wiring;

import dev.ganboard.protocol.checkpoint.CheckpointKind;
import dev.ganboard.worker.EvaluationFailure;
import dev.ganboard.worker.Evaluator;
import dev.ganboard.worker.ImageSettings;
import dev.ganboard.worker.WorkerSettings;
import dev.ganboard.worker.classifier.CnnRecipe;
import dev.ganboard.worker.classifier.DomainClassifiers;
import dev.ganboard.worker.dataset.Datasets;
import dev.ganboard.worker.eval.SamplesEvaluator;
import dev.ganboard.worker.eval.image.ImageSuite;
import dev.ganboard.worker.features.FeatureExtractors;
import dev.ganboard.worker.generator.TorchScriptEvaluator;
import dev.ganboard.worker.reference.ReferenceStatistics;
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

    /** Configured from the environment ({@link ImageSettings#fromEnvironment}). */
    public static Evaluators standard(int maxSamples) {
        return standard(maxSamples, ImageSettings.fromEnvironment());
    }

    public static Evaluators standard(int maxSamples, ImageSettings settings) {
        return standard(maxSamples, settings, Math.min(maxSamples, WorkerSettings.DEFAULT_GENERATED_SAMPLES));
    }

    /**
     * Every dataset and extractor: the 2-D mixtures, and the image datasets with their domain classifiers (trained
     * on first use, cached under the settings' cache directory); uploaded samples and TorchScript generators.
     *
     * @param generatedSamples samples drawn from a generator whose upload names no n_samples (at most maxSamples)
     */
    public static Evaluators standard(int maxSamples, ImageSettings settings, int generatedSamples) {
        Datasets datasets = Datasets.standard(settings);
        DomainClassifiers classifiers = DomainClassifiers.shared(settings.cacheDir(), CnnRecipe.DEFAULT);
        FeatureExtractors extractors = FeatureExtractors.standard(datasets, classifiers, settings);
        SamplesEvaluator samples = new SamplesEvaluator(datasets, extractors, maxSamples,
                new ImageSuite(classifiers, extractors, settings));
        return new Evaluators(samples,
                new TorchScriptEvaluator(samples::evaluateSamples, Math.min(generatedSamples, maxSamples), maxSamples));
    }

    /** Reference statistics ({@code stats compute}) with the standard datasets and extractors of the settings. */
    public static ReferenceStatistics referenceStatistics(ImageSettings settings) {
        Datasets datasets = Datasets.standard(settings);
        DomainClassifiers classifiers = DomainClassifiers.shared(settings.cacheDir(), CnnRecipe.DEFAULT);
        return new ReferenceStatistics(datasets, FeatureExtractors.standard(datasets, classifiers, settings));
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

package dev.ganboard.worker;

/**
 * Evaluates one kind of checkpoint. Bad input ends in {@link EvaluationFailure} or the metrics library's
 * {@code InvalidInputException}, each with a message fit to show the uploader. Two kinds exist: uploaded samples
 * ({@code SamplesEvaluator}) and TorchScript generators ({@code TorchScriptEvaluator}, which samples the generator
 * seeded and then runs the same suite).
 */
public interface Evaluator {
    /** The checkpoint kind handled, e.g. "samples". */
    String kind();

    EvaluationReport evaluate(EvaluationInput input);
}

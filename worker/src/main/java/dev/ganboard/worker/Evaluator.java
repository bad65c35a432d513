package dev.ganboard.worker;

/**
 * Evaluates one kind of checkpoint. Bad input ends in {@link EvaluationFailure} or the metrics library's
 * {@code InvalidInputException}, each with a message fit to show the uploader. TorchScript generators get an
 * evaluator of their own later (sample N images seeded, then the same suite).
 */
public interface Evaluator {
    /** The checkpoint kind handled, e.g. "samples". */
    String kind();

    EvaluationReport evaluate(EvaluationInput input);
}

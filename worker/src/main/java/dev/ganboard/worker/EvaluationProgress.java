package dev.ganboard.worker;

/**
 * Where a long evaluation reports how far it is, stage by stage (e.g. "features", 4000 of 10000). The pipeline
 * turns these into log lines and progress records; calls must be cheap, so evaluators report per batch, not per
 * sample.
 */
@FunctionalInterface
public interface EvaluationProgress {
    EvaluationProgress NONE = (stage, done, total) -> { };

    void stage(String stage, long done, long total);
}

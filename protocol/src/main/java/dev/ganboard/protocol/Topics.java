package dev.ganboard.protocol;

/** Kafka topic names shared by the backend, the workers and in-cluster SDK producers. */
public final class Topics {
    /** Scalar metric batches; key = run id. */
    public static final String METRICS = "ganboard.metrics";
    /** Checkpoint blobs in chunks; key = checkpoint id, so one checkpoint stays ordered on one partition. */
    public static final String CHECKPOINTS = "ganboard.checkpoints";
    /** Evaluation results; key = run id. */
    public static final String EVALUATIONS = "ganboard.evaluations";
    /** What could not be processed, with the reason. */
    public static final String DLQ = "ganboard.dlq";

    private Topics() {
    }
}

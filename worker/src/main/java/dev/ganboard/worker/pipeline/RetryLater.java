package dev.ganboard.worker.pipeline;

/**
 * A failure of the worker's surroundings, not of the checkpoint (Kafka did not acknowledge, the disk refused a
 * write): nothing is committed, and the worker re-reads from its last commit after a pause.
 */
public class RetryLater extends RuntimeException {
    public RetryLater(String message, Throwable cause) {
        super(message, cause);
    }
}

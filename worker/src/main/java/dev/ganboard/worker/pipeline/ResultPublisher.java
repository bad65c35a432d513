package dev.ganboard.worker.pipeline;

import dev.ganboard.protocol.checkpoint.EvaluationProgressed;
import dev.ganboard.protocol.checkpoint.EvaluationResult;
import dev.ganboard.protocol.checkpoint.EvaluationStarted;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Where a worker's output goes; each call returns once the record is durable, or throws {@link RetryLater}. */
public interface ResultPublisher {
    void started(EvaluationStarted started);

    void result(EvaluationResult result);

    /** Sends how far an evaluation is without waiting for the broker; losing one is harmless. */
    default void progress(EvaluationProgressed progress) {
    }

    /** Publishes what could not be processed, with the reason, to the dead-letter topic. */
    void deadLetter(ConsumerRecord<String, byte[]> source, String reason);
}

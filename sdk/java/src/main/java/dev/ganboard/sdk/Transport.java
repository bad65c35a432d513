package dev.ganboard.sdk;

import java.io.Closeable;

/** How metric batches leave the machine: the HTTP ingest API (default) or a direct Kafka producer. */
interface Transport extends Closeable {
    enum Outcome {
        /** stored durably by the server side (HTTP 202 / Kafka ack) */
        DELIVERED,
        /** refused for its content (HTTP 400/413): retrying cannot help, the batch is dropped and counted */
        REJECTED,
        /** server down, overloaded or unreachable: try again later */
        RETRY,
        /** the key is not (or no longer) valid, or the run does not exist there: stop sending, keep the WAL */
        STOP
    }

    record Result(Outcome outcome, String message) {
        static final Result DELIVERED = new Result(Outcome.DELIVERED, null);
    }

    Result send(long runId, long seq, byte[] body);

    @Override
    default void close() {
    }
}

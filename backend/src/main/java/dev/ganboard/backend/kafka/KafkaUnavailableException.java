package dev.ganboard.backend.kafka;

/** Kafka did not acknowledge a record; the caller should retry later (HTTP 503). */
public class KafkaUnavailableException extends RuntimeException {
    public KafkaUnavailableException(String topic, Throwable cause) {
        super("Kafka did not acknowledge the record on " + topic + ": "
                + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
    }
}

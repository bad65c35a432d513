package dev.ganboard.backend.kafka;

/**
 * Where the Kafka cluster is. The composition root provides it: an in-process broker in single-machine mode,
 * the configured bootstrap servers in a cluster.
 */
public interface BrokerAddress {
    String bootstrapServers();
}

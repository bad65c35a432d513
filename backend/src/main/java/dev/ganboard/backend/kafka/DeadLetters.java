package dev.ganboard.backend.kafka;

import dev.ganboard.protocol.DeadLetter;
import dev.ganboard.protocol.Json;
import dev.ganboard.protocol.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/** Publishes what could not be processed to {@link Topics#DLQ} with the reason, and logs it. */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    KafkaClients kafka;

    public void publish(ConsumerRecord<String, byte[]> record, String component, String reason) {
        LOG.warnf("%s: %s-%d@%d (key %s) sent to %s: %s", component, record.topic(), record.partition(),
                record.offset(), record.key(), Topics.DLQ, reason);
        DeadLetter letter = new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(), reason,
                component, System.currentTimeMillis());
        kafka.sendAndWait(Topics.DLQ, record.key(), Json.write(letter));
    }
}

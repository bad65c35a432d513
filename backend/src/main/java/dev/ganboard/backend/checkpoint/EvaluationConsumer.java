package dev.ganboard.backend.checkpoint;

import dev.ganboard.backend.kafka.ConsumerLoop;
import dev.ganboard.backend.kafka.DeadLetters;
import dev.ganboard.backend.kafka.KafkaClients;
import dev.ganboard.protocol.Json;
import dev.ganboard.protocol.Topics;
import dev.ganboard.protocol.checkpoint.EvaluationRecord;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Moves worker output from {@link Topics#EVALUATIONS} into the database, each evaluation once. */
@ApplicationScoped
public class EvaluationConsumer {
    public static final String GROUP = "ganboard-backend-evaluations";
    private static final String COMPONENT = "evaluations-consumer";

    @Inject
    KafkaClients kafka;
    @Inject
    EvaluationStore store;
    @Inject
    DeadLetters deadLetters;
    @ConfigProperty(name = "ganboard.consumers.enabled", defaultValue = "true")
    boolean enabled;

    private ConsumerLoop loop;

    void start(@Observes @Priority(KafkaClients.TOPICS_READY + 10) StartupEvent event) {
        if (enabled) {
            startConsuming();
        }
    }

    public synchronized void startConsuming() {
        if (loop == null) {
            loop = new ConsumerLoop(COMPONENT, kafka.consumer(GROUP, Map.of()), Topics.EVALUATIONS, this::handle)
                    .start();
        }
    }

    public synchronized void stopConsuming() {
        if (loop != null) {
            loop.stop();
            loop = null;
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopConsuming();
    }

    private void handle(List<ConsumerRecord<String, byte[]>> records) {
        List<EvaluationRecord> parsed = new ArrayList<>(records.size());
        List<ConsumerRecord<String, byte[]>> sources = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                parsed.add(Json.read(record.value(), EvaluationRecord.class));
                sources.add(record);
            } catch (UncheckedIOException | IllegalArgumentException e) {
                deadLetters.publish(record, COMPONENT, e.getMessage());
            }
        }
        if (parsed.isEmpty()) {
            return;
        }
        for (EvaluationStore.Rejected r : store.apply(parsed).rejected()) {
            deadLetters.publish(sources.get(r.index()), COMPONENT, r.reason());
        }
    }
}

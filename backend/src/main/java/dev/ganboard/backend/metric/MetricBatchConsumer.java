package dev.ganboard.backend.metric;

import dev.ganboard.backend.kafka.ConsumerLoop;
import dev.ganboard.backend.kafka.DeadLetters;
import dev.ganboard.backend.kafka.KafkaClients;
import dev.ganboard.protocol.Json;
import dev.ganboard.protocol.MetricBatch;
import dev.ganboard.protocol.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.io.UncheckedIOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Moves metric batches from {@link Topics#METRICS} into the database, once each. */
@ApplicationScoped
public class MetricBatchConsumer {
    public static final String GROUP = "ganboard-backend-metrics";

    @Inject
    KafkaClients kafka;
    @Inject
    MetricStore store;
    @Inject
    DeadLetters deadLetters;
    @Inject
    MeterRegistry meters;
    @ConfigProperty(name = "ganboard.consumers.enabled", defaultValue = "true")
    boolean enabled;

    private ConsumerLoop loop;
    private Counter storedPoints;
    private Counter duplicateBatches;

    void start(@Observes @Priority(KafkaClients.TOPICS_READY + 10) StartupEvent event) {
        if (enabled) {
            startConsuming();
        }
    }

    public synchronized void startConsuming() {
        if (loop != null) {
            return;
        }
        storedPoints = meters.counter("ganboard.metrics.points.stored");
        duplicateBatches = meters.counter("ganboard.metrics.batches.duplicate");
        loop = new ConsumerLoop("metrics-consumer", kafka.consumer(GROUP, Map.of()), Topics.METRICS, this::handle)
                .start();
    }

    /** Stops consuming (what was polled but not committed is delivered again on restart). */
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
        List<MetricBatch> batches = new ArrayList<>(records.size());
        Map<MetricBatch, ConsumerRecord<String, byte[]>> source = new IdentityHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                MetricBatch batch = Json.read(record.value(), MetricBatch.class);
                batches.add(batch);
                source.put(batch, record);
            } catch (UncheckedIOException e) {
                deadLetters.publish(record, "metrics-consumer", e.getMessage());
            }
        }
        if (batches.isEmpty()) {
            return;
        }
        MetricStore.Outcome outcome = store.store(batches);
        storedPoints.increment(outcome.points());
        duplicateBatches.increment(outcome.duplicates());
        for (MetricBatch orphan : outcome.unknownRun()) {
            deadLetters.publish(source.get(orphan), "metrics-consumer", "run " + orphan.runId() + " does not exist");
        }
    }
}

package dev.ganboard.backend.metric;

import dev.ganboard.backend.kafka.ConsumerLoop;
import dev.ganboard.backend.kafka.DeadLetters;
import dev.ganboard.backend.kafka.KafkaClients;
import dev.ganboard.backend.config.GanboardConfig;
import dev.ganboard.protocol.Topics;
import dev.ganboard.protocol.ingest.InvalidBatchException;
import dev.ganboard.protocol.ingest.MetricBatchJson;
import dev.ganboard.protocol.ingest.MetricBatchRules;
import dev.ganboard.protocol.ingest.MetricColumns;
import dev.ganboard.protocol.ingest.MetricColumnsCodec;
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
import org.apache.kafka.clients.consumer.ConsumerConfig;
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
    @Inject
    GanboardConfig config;
    @ConfigProperty(name = "ganboard.consumers.enabled", defaultValue = "true")
    boolean enabled;

    private ConsumerLoop loop;
    private Counter storedPoints;
    private Counter duplicateBatches;
    private Counter invalidBatches;

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
        invalidBatches = meters.counter("ganboard.metrics.batches.invalid");
        // bigger polls, fewer transactions: a 10,000-point batch is ~110 KB, the default fetches 1 MB per partition
        // and while batches stream in, wait up to 50 ms for 1 MB so one transaction stores several of them
        Map<String, Object> polls = Map.of(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 32 * 1024 * 1024,
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1024 * 1024, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        loop = new ConsumerLoop("metrics-consumer", kafka.consumer(GROUP, polls), Topics.METRICS, this::handle)
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
        List<MetricColumns> batches = new ArrayList<>(records.size());
        Map<MetricColumns, ConsumerRecord<String, byte[]>> source = new IdentityHashMap<>();
        int maxPoints = config.ingest().maxPointsPerBatch();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                MetricColumns batch = MetricBatchRules.check(decode(record.value(), record.timestamp(), maxPoints), maxPoints);
                batches.add(batch);
                source.put(batch, record);
            } catch (InvalidBatchException e) {
                invalidBatches.increment();
                deadLetters.publish(record, "metrics-consumer", "invalid MetricBatch record: " + e.getMessage());
            }
        }
        if (batches.isEmpty()) {
            return;
        }
        MetricStore.Outcome outcome = store.storeColumns(batches);
        storedPoints.increment(outcome.points());
        duplicateBatches.increment(outcome.duplicates());
        for (MetricColumns orphan : outcome.unknownRun()) {
            deadLetters.publish(source.get(orphan), "metrics-consumer", "run " + orphan.runId() + " does not exist");
        }
    }

    /**
     * The backend's binary record, or the JSON form (in-cluster SDK producers, records from before the binary
     * form), which must name its run; without "received_at" the record's timestamp stands in.
     */
    static MetricColumns decode(byte[] value, long recordTime, int maxPoints) {
        if (value == null || value.length == 0) {
            throw new InvalidBatchException(null, "empty record");
        }
        if (MetricColumnsCodec.isBinary(value)) {
            return MetricColumnsCodec.decode(value, maxPoints);
        }
        MetricBatchJson.Parsed parsed = MetricBatchJson.parse(value, maxPoints);
        if (parsed.runId() == null) {
            throw new InvalidBatchException("run_id", "run_id: required in a JSON metric record");
        }
        MetricColumns columns = MetricBatchRules.check(parsed, maxPoints);
        return columns.forRun(parsed.runId(), parsed.receivedAt() == null ? recordTime : parsed.receivedAt());
    }
}

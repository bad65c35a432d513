package dev.ganboard.backend.metric;

import dev.ganboard.backend.api.ApiException;
import dev.ganboard.backend.config.GanboardConfig;
import dev.ganboard.backend.kafka.KafkaClients;
import dev.ganboard.protocol.Topics;
import dev.ganboard.protocol.ingest.InvalidBatchException;
import dev.ganboard.protocol.ingest.MetricBatchJson;
import dev.ganboard.protocol.ingest.MetricBatchRules;
import dev.ganboard.protocol.ingest.MetricColumns;
import dev.ganboard.protocol.ingest.MetricColumnsCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;

/**
 * REST side of ingest: read the body (JSON in one streaming pass, or the binary column format) into columns, check
 * the whole batch, then hand it to Kafka as one compact binary record (key = run id).
 */
@ApplicationScoped
public class MetricIngest {
    /** Content type of the binary request body: a {@link MetricColumnsCodec} record whose run id is filled in here. */
    public static final String COLUMNS = "application/x-ganboard-columns";

    @Inject
    KafkaClients kafka;
    @Inject
    GanboardConfig config;

    /** A batch that passed the rules, with its Kafka record once that is known. */
    public record Checked(MetricColumns columns, byte[] record) {
    }

    /** A JSON body: 400 naming the field for malformed JSON, a wrong type or a broken rule. */
    public Checked checkJson(byte[] body) {
        int maxPoints = config.ingest().maxPointsPerBatch();
        try {
            return new Checked(MetricBatchRules.check(MetricBatchJson.parse(body, maxPoints), maxPoints), null);
        } catch (InvalidBatchException e) {
            throw ApiException.badRequest(e.field(), e.getMessage());
        }
    }

    /**
     * A binary body: 400 naming the problem for a damaged one (bad magic, truncated, key index outside the table)
     * or a broken rule. The body itself becomes the Kafka record once the run id and time are stamped into it.
     */
    public Checked checkColumns(byte[] body) {
        int maxPoints = config.ingest().maxPointsPerBatch();
        try {
            return new Checked(MetricBatchRules.check(MetricColumnsCodec.decode(body, maxPoints), maxPoints), body);
        } catch (InvalidBatchException e) {
            throw ApiException.badRequest(e.field(), e.getMessage());
        }
    }

    /** Produces the batch for the run; completes once Kafka has it, or fails with KafkaUnavailableException. */
    public CompletableFuture<MetricColumns> send(long runId, Checked batch) {
        long now = System.currentTimeMillis();
        MetricColumns columns = batch.columns().forRun(runId, now);
        byte[] record = batch.record() == null ? MetricColumnsCodec.encode(columns)
                : MetricColumnsCodec.stamp(batch.record(), runId, now);
        return kafka.send(Topics.METRICS, Long.toString(runId), record).thenApply(acked -> columns);
    }
}

package dev.ganboard.backend.metric;

import dev.ganboard.backend.api.ApiException;
import dev.ganboard.backend.home.GanboardConfig;
import dev.ganboard.backend.kafka.KafkaClients;
import dev.ganboard.protocol.Topics;
import dev.ganboard.protocol.ingest.InvalidBatchException;
import dev.ganboard.protocol.ingest.MetricBatchJson;
import dev.ganboard.protocol.ingest.MetricBatchRules;
import dev.ganboard.protocol.ingest.MetricColumns;
import dev.ganboard.protocol.ingest.MetricColumnsCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * REST side of ingest: read the body in one streaming pass into columns, check the whole batch, then hand it to
 * Kafka as one compact binary record (key = run id) and wait for the ack.
 */
@ApplicationScoped
public class MetricIngest {
    @Inject
    KafkaClients kafka;
    @Inject
    GanboardConfig config;

    /** Syntax and types only (400 for malformed JSON or a wrong type, naming the field). */
    public MetricBatchJson.Parsed parse(byte[] body) {
        try {
            return MetricBatchJson.parse(body, config.ingest().maxPointsPerBatch());
        } catch (InvalidBatchException e) {
            throw ApiException.badRequest(e.field(), e.getMessage());
        }
    }

    /** Checks the rules (400 naming the field, nothing sent on), then produces; returns what was accepted. */
    public MetricColumns accept(long runId, MetricBatchJson.Parsed parsed) {
        MetricColumns batch;
        try {
            batch = MetricBatchRules.check(parsed, config.ingest().maxPointsPerBatch());
        } catch (InvalidBatchException e) {
            throw ApiException.badRequest(e.field(), e.getMessage());
        }
        batch = batch.forRun(runId, System.currentTimeMillis());
        kafka.sendAndWait(Topics.METRICS, Long.toString(runId), MetricColumnsCodec.encode(batch));
        return batch;
    }
}

package dev.ganboard.backend.metric;

import dev.ganboard.backend.home.GanboardConfig;
import dev.ganboard.backend.kafka.KafkaClients;
import dev.ganboard.protocol.Json;
import dev.ganboard.protocol.MetricBatch;
import dev.ganboard.protocol.MetricPoint;
import dev.ganboard.protocol.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** REST side of ingest: validate the whole batch, then hand it to Kafka (key = run id) and wait for the ack. */
@ApplicationScoped
public class MetricIngest {
    @Inject
    KafkaClients kafka;
    @Inject
    GanboardConfig config;

    public int accept(long runId, Long seq, List<MetricPoint> points) {
        MetricBatchValidator.validate(seq, points, config.ingest().maxPointsPerBatch());
        MetricBatch batch = new MetricBatch(runId, seq, System.currentTimeMillis(), points);
        kafka.sendAndWait(Topics.METRICS, Long.toString(runId), Json.write(batch));
        return points.size();
    }
}

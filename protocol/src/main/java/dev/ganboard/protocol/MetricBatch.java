package dev.ganboard.protocol;

import java.util.List;

/**
 * A batch of points for one run as it travels on {@link Topics#METRICS}. The pair (runId, seq) identifies the batch,
 * so a re-sent batch is stored once.
 */
public record MetricBatch(long runId, long seq, long receivedAt, List<MetricPoint> points) {
}

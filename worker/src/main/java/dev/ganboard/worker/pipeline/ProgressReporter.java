package dev.ganboard.worker.pipeline;

import dev.ganboard.protocol.checkpoint.EvaluationProgressed;
import dev.ganboard.worker.EvaluationProgress;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to one evaluation's progress: a log line with counts and ETA at most every {@code logEveryMillis}, and a
 * progress record at most every {@code publishEveryMillis} (the first report of each is immediate). The ETA is the
 * rest of the current stage at the rate seen since the stage began; null until that rate exists.
 */
final class ProgressReporter implements EvaluationProgress {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);
    static final long LOG_EVERY_MILLIS = 5_000;
    static final long PUBLISH_EVERY_MILLIS = 2_000;

    private final String workerId;
    private final long checkpointId;
    private final long runId;
    private final String label;
    private final ResultPublisher publisher;
    private final LongSupplier clockMillis;
    private final long logEveryMillis;
    private final long publishEveryMillis;
    private String stage;
    private long stageStartMillis;
    private long stageStartDone;
    private long lastLogMillis = Long.MIN_VALUE;
    private long lastPublishMillis = Long.MIN_VALUE;

    ProgressReporter(String workerId, long checkpointId, long runId, String label, ResultPublisher publisher,
                     LongSupplier clockMillis, long logEveryMillis, long publishEveryMillis) {
        this.workerId = workerId;
        this.checkpointId = checkpointId;
        this.runId = runId;
        this.label = label;
        this.publisher = publisher;
        this.clockMillis = clockMillis;
        this.logEveryMillis = logEveryMillis;
        this.publishEveryMillis = publishEveryMillis;
    }

    ProgressReporter(String workerId, long checkpointId, long runId, String label, ResultPublisher publisher) {
        this(workerId, checkpointId, runId, label, publisher, System::currentTimeMillis, LOG_EVERY_MILLIS,
                PUBLISH_EVERY_MILLIS);
    }

    @Override
    public synchronized void stage(String name, long done, long total) {
        long now = clockMillis.getAsLong();
        if (!name.equals(stage)) {
            stage = name;
            stageStartMillis = now;
            stageStartDone = done;
        }
        Long eta = eta(now, done, total);
        if (lastLogMillis == Long.MIN_VALUE || now - lastLogMillis >= logEveryMillis) {
            lastLogMillis = now;
            LOG.info("{}: {}: {} {} / {}{}", workerId, label, name, String.format("%,d", done),
                    String.format("%,d", total), eta == null ? "" : " (ETA " + eta + " s)");
        }
        if (lastPublishMillis == Long.MIN_VALUE || now - lastPublishMillis >= publishEveryMillis) {
            lastPublishMillis = now;
            try {
                publisher.progress(new EvaluationProgressed(checkpointId, runId, workerId, name, done, total, eta, now));
            } catch (RuntimeException e) {
                // progress is informative only: the evaluation must not fail because a progress record did not go out
                LOG.warn("{}: {}: a progress record was not published: {}", workerId, label, e.toString());
            }
        }
    }

    /** Seconds left in the stage at its rate so far (rounded up), or null without a rate. */
    Long eta(long now, long done, long total) {
        long progressed = done - stageStartDone;
        long elapsed = now - stageStartMillis;
        if (progressed <= 0 || elapsed <= 0 || total <= 0) {
            return null;
        }
        long left = Math.max(0, total - done);
        return (long) Math.ceil(left * (double) elapsed / progressed / 1000.0);
    }
}

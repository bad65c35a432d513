package dev.ganboard.backend.checkpoint;

import dev.ganboard.backend.leaderboard.LeaderboardIndex;
import dev.ganboard.backend.live.RunUpdates;
import dev.ganboard.backend.run.Run;
import dev.ganboard.protocol.Json;
import dev.ganboard.protocol.checkpoint.EvaluationHeadline;
import dev.ganboard.protocol.checkpoint.EvaluationProgressed;
import dev.ganboard.protocol.checkpoint.EvaluationRecord;
import dev.ganboard.protocol.checkpoint.EvaluationResult;
import dev.ganboard.protocol.checkpoint.EvaluationStarted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies worker records to the database in one transaction per batch: "started" moves a queued checkpoint to
 * evaluating; "progress" keeps the newest progress on it; a result becomes an Evaluation row (once per evaluation
 * id, with its preview) and settles the checkpoint's status. Successful evaluations also feed the leaderboard index;
 * a diverged one (non-finite samples) leaves the checkpoint evaluated with the reason and tells the leaderboard.
 */
@ApplicationScoped
public class EvaluationStore {
    static final int MAX_METRICS_CHARS = 65_536;

    @Inject
    LeaderboardIndex leaderboard;
    @Inject
    RunUpdates updates;
    @Inject
    PreviewStore previews;

    /** A record that was not applied, and why (for the dead-letter topic). */
    public record Rejected(int index, String reason) {
    }

    public record Outcome(int stored, int duplicates, List<Rejected> rejected) {
    }

    @Transactional
    public Outcome apply(List<EvaluationRecord> records) {
        int stored = 0;
        int duplicates = 0;
        List<Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            EvaluationRecord record = records.get(i);
            Checkpoint c = Checkpoint.findById(record.checkpointId());
            if (c == null || c.runId != record.runId()) {
                rejected.add(new Rejected(i, c == null ? "checkpoint " + record.checkpointId() + " does not exist"
                        : "checkpoint " + c.id + " belongs to run " + c.runId + ", not " + record.runId()));
                continue;
            }
            switch (record) {
                case EvaluationStarted s -> started(c, s);
                case EvaluationProgressed p -> progressed(c, p);
                case EvaluationResult r -> {
                    if (Evaluation.count("evaluationKey", r.evaluationId()) > 0) {
                        duplicates++;
                    } else {
                        store(c, r);
                        stored++;
                    }
                }
            }
        }
        return new Outcome(stored, duplicates, rejected);
    }

    private void started(Checkpoint c, EvaluationStarted s) {
        if (c.status == CheckpointStatus.QUEUED) {
            c.status = CheckpointStatus.EVALUATING;
            c.statusDetail = "evaluating on worker " + s.worker() + " since " + Instant.ofEpochMilli(s.at());
            c.updatedAt = Instant.now();
            notify(c);
        }
    }

    /**
     * The newest progress of a checkpoint still being evaluated; progress that arrives after the result (or older
     * than what is stored) is ignored.
     */
    private void progressed(Checkpoint c, EvaluationProgressed p) {
        if (c.status != CheckpointStatus.QUEUED && c.status != CheckpointStatus.EVALUATING) {
            return;
        }
        Instant at = Instant.ofEpochMilli(p.at());
        if (c.progressAt != null && at.isBefore(c.progressAt)) {
            return;
        }
        if (c.status == CheckpointStatus.QUEUED) {
            c.status = CheckpointStatus.EVALUATING;
            c.statusDetail = "evaluating on worker " + p.worker() + " since " + at;
        }
        c.progressStage = p.stage() == null ? "evaluating" : truncate(p.stage(), 200);
        c.progressDone = p.done();
        c.progressTotal = p.total();
        c.progressEtaSeconds = p.etaSeconds();
        c.progressAt = at;
        c.updatedAt = Instant.now();
        notify(c);
    }

    private void store(Checkpoint c, EvaluationResult r) {
        Evaluation e = new Evaluation();
        e.evaluationKey = r.evaluationId();
        e.checkpointId = c.id;
        e.status = r.status();
        e.suiteVersion = r.suiteVersion();
        e.extractor = r.extractor();
        e.sampleCount = r.sampleCount();
        e.metricsJson = metricsJson(r.metrics());
        e.durationMs = r.durationMs();
        e.worker = r.worker();
        e.error = r.error() == null ? null : truncate(r.error(), 4000);
        e.createdAt = Instant.ofEpochMilli(r.finishedAt());
        e.persist();

        boolean ok = EvaluationResult.OK.equals(r.status());
        boolean diverged = EvaluationResult.DIVERGED.equals(r.status());
        if (ok && r.preview() != null) {
            previews.save(e.id, c.id, r.preview(), e.createdAt);
        }
        c.progressStage = null;
        c.progressDone = null;
        c.progressTotal = null;
        c.progressEtaSeconds = null;
        c.progressAt = null;
        // a diverged checkpoint was evaluated: its evaluation says "diverged", the checkpoint keeps the reason
        c.status = ok || diverged ? CheckpointStatus.EVALUATED : CheckpointStatus.FAILED;
        c.statusDetail = ok || r.error() == null ? null : truncate(r.error(), 4000);
        c.updatedAt = Instant.now();
        if (ok && r.metrics() != null) {
            Run run = Run.findById(c.runId);
            leaderboard.index(new LeaderboardIndex.Entry(run.project.id, c.runId, c.id, e.id, c.step, e.extractor,
                    numbers(r.metrics()), EvaluationHeadline.of(r.metrics()).collapsed()));
        } else if (diverged) {
            leaderboard.diverged(Run.<Run>findById(c.runId).project.id, c.runId);
        }
        notify(c);
    }

    private void notify(Checkpoint c) {
        Run run = Run.findById(c.runId);
        updates.publish(run.project.id, run.id);
    }

    /** The headline values: the top-level numbers of the suite's JSON. */
    private static Map<String, Double> numbers(Map<String, Object> metrics) {
        Map<String, Double> out = new LinkedHashMap<>();
        metrics.forEach((k, v) -> {
            if (v instanceof Number n) {
                out.put(k, n.doubleValue());
            }
        });
        return out;
    }

    /** The suite's JSON; if the details make it too long for the column, the headline values alone. */
    private static String metricsJson(Map<String, Object> metrics) {
        if (metrics == null) {
            return null;
        }
        String json = new String(Json.write(metrics), java.nio.charset.StandardCharsets.UTF_8);
        if (json.length() <= MAX_METRICS_CHARS) {
            return json;
        }
        Map<String, Object> headline = new LinkedHashMap<>(metrics);
        headline.remove("details");
        headline.put("details_dropped", "the details were longer than " + MAX_METRICS_CHARS + " characters");
        return new String(Json.write(headline), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}

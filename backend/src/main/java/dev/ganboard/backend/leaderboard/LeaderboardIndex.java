package dev.ganboard.backend.leaderboard;

import dev.ganboard.backend.live.RunUpdates;
import dev.ganboard.backend.project.Project;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;

/**
 * Keeps {@link EvaluationValue} in step with stored evaluations. Idempotent: an evaluation indexed twice (a
 * redelivered result) keeps its first rows. Non-finite values are not indexed: a leaderboard ranks numbers.
 */
@ApplicationScoped
public class LeaderboardIndex {
    @Inject
    RunUpdates updates;

    /** What the index needs to know of one successful evaluation. */
    public record Entry(long projectId, long runId, long checkpointId, long evaluationId, long step, String extractor,
                        Map<String, Double> metrics, boolean collapsed) {
    }

    @Transactional
    public int index(Entry entry) {
        if (EvaluationValue.count("evaluationId", entry.evaluationId()) > 0) {
            return 0;
        }
        int written = 0;
        for (Map.Entry<String, Double> metric : entry.metrics().entrySet()) {
            Double value = metric.getValue();
            if (value == null || !Double.isFinite(value)) {
                continue;
            }
            EvaluationValue row = new EvaluationValue();
            row.projectId = entry.projectId();
            row.runId = entry.runId();
            row.checkpointId = entry.checkpointId();
            row.evaluationId = entry.evaluationId();
            row.step = entry.step();
            row.extractor = entry.extractor();
            row.metric = metric.getKey();
            row.val = value;
            row.collapsed = entry.collapsed();
            row.persist();
            written++;
        }
        if (written > 0) {
            Project.update("evaluationVersion = evaluationVersion + 1 where id = ?1", entry.projectId());
        }
        updates.publish(entry.projectId(), entry.runId());
        return written;
    }
}

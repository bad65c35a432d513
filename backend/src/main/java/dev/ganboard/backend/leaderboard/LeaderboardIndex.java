package dev.ganboard.backend.leaderboard;

import dev.ganboard.backend.live.RunUpdates;
import dev.ganboard.backend.project.Project;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;

/**
 * Keeps {@link EvaluationValue} and the runs' {@link LeaderboardPick}s in step with stored evaluations. Idempotent: an evaluation indexed twice (a
 * redelivered result) keeps its first rows. Non-finite values are not indexed: a leaderboard ranks numbers.
 */
@ApplicationScoped
public class LeaderboardIndex {
    @Inject
    RunUpdates updates;
    @Inject
    LeaderboardPicks picks;

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
        boolean newPair = false;
        for (Map.Entry<String, Double> metric : entry.metrics().entrySet()) {
            Double value = metric.getValue();
            if (value == null || !Double.isFinite(value)) {
                continue;
            }
            newPair = newPair || isNewPair(entry.projectId(), metric.getKey(), entry.extractor());
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
            picks.refresh(entry.projectId(), entry.runId(), entry.extractor());
            Project.update(newPair
                    ? "evaluationVersion = evaluationVersion + 1, catalogueVersion = catalogueVersion + 1 where id = ?1"
                    : "evaluationVersion = evaluationVersion + 1 where id = ?1", entry.projectId());
        }
        updates.publish(entry.projectId(), entry.runId());
        return written;
    }

    /**
     * A run's checkpoint diverged: it has no values to index, but it can make the run diverged ({@link DivergedRuns}),
     * so the project's boards are stale.
     */
    @Transactional
    public void diverged(long projectId, long runId) {
        Project.update("evaluationVersion = evaluationVersion + 1 where id = ?1", projectId);
        updates.publish(projectId, runId);
    }

    /** Whether the project has no value yet of this metric from this extractor (one index probe). */
    private static boolean isNewPair(long projectId, String metric, String extractor) {
        return EvaluationValue.getEntityManager().createQuery("select v.id from EvaluationValue v where "
                        + "v.projectId = ?1 and v.metric = ?2 and v.extractor = ?3", Long.class)
                .setParameter(1, projectId).setParameter(2, metric).setParameter(3, extractor)
                .setMaxResults(1).getResultList().isEmpty();
    }
}

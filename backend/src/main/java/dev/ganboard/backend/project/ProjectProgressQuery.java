package dev.ganboard.backend.project;

import dev.ganboard.backend.checkpoint.CheckpointStatus;
import dev.ganboard.backend.leaderboard.DivergedRuns;
import dev.ganboard.backend.run.Run;
import dev.ganboard.backend.run.RunStatus;
import dev.ganboard.protocol.checkpoint.EvaluationResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.EnumMap;
import java.util.Map;

/** Grouped counts per project: runs by status, checkpoints by status, and what diverged. */
@ApplicationScoped
public class ProjectProgressQuery {

    @Transactional
    public ProjectProgress of(long projectId) {
        EntityManager em = Run.getEntityManager();
        Map<RunStatus, Long> runs = new EnumMap<>(RunStatus.class);
        for (Object[] row : em.createQuery("select r.status, count(r) from Run r where r.project.id = ?1 "
                + "group by r.status", Object[].class).setParameter(1, projectId).getResultList()) {
            runs.put((RunStatus) row[0], (Long) row[1]);
        }
        Map<CheckpointStatus, Long> checkpoints = new EnumMap<>(CheckpointStatus.class);
        for (Object[] row : em.createQuery("select c.status, count(c) from Checkpoint c, Run r "
                + "where c.runId = r.id and r.project.id = ?1 group by c.status", Object[].class)
                .setParameter(1, projectId).getResultList()) {
            checkpoints.put((CheckpointStatus) row[0], (Long) row[1]);
        }
        long totalRuns = runs.values().stream().mapToLong(Long::longValue).sum();
        long totalCheckpoints = checkpoints.values().stream().mapToLong(Long::longValue).sum();
        long divergedCheckpoints = em.createQuery("select count(distinct c.id) from Checkpoint c, Evaluation e, Run r "
                + "where e.checkpointId = c.id and c.runId = r.id and r.project.id = ?1 and e.status = ?2", Long.class)
                .setParameter(1, projectId).setParameter(2, EvaluationResult.DIVERGED).getSingleResult();
        return new ProjectProgress(totalRuns, count(runs, RunStatus.RUNNING), count(runs, RunStatus.FINISHED),
                count(runs, RunStatus.FAILED) + count(runs, RunStatus.CRASHED), DivergedRuns.of(projectId).size(),
                totalCheckpoints,
                count(checkpoints, CheckpointStatus.UPLOADING) + count(checkpoints, CheckpointStatus.QUEUED),
                count(checkpoints, CheckpointStatus.EVALUATING), count(checkpoints, CheckpointStatus.EVALUATED),
                divergedCheckpoints, count(checkpoints, CheckpointStatus.FAILED));
    }

    private static <K> long count(Map<K, Long> counts, K key) {
        return counts.getOrDefault(key, 0L);
    }
}

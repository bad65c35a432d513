package dev.ganboard.backend.leaderboard;

import dev.ganboard.backend.checkpoint.Evaluation;
import dev.ganboard.protocol.checkpoint.EvaluationResult;
import java.util.HashSet;
import java.util.Set;

/**
 * The one definition of a diverged run, which the leaderboard (and the demo's summary) count. A run is diverged when
 * <ul>
 * <li>its final evaluated checkpoint — the highest step with an "ok" or "diverged" evaluation; failed evaluations
 * say nothing about the generator — is diverged, or</li>
 * <li>its logged values turned non-finite (NaN, ±Infinity: {@code run.diverged_step}) and no checkpoint at or after
 * that step evaluated "ok".</li>
 * </ul>
 * A run that recovers (a later checkpoint evaluates "ok") is not diverged: the second rule then reads the non-finite
 * point as a logging artefact, since the generator still produced finite samples afterwards. The second rule
 * catches training that blew up after its last checkpoint, which no evaluation can show.
 */
public final class DivergedRuns {
    private DivergedRuns() {
    }

    /** The ids of a project's diverged runs. */
    public static Set<Long> of(long projectId) {
        Set<Long> diverged = new HashSet<>(Evaluation.getEntityManager().createQuery("select distinct c.runId from "
                        + "Checkpoint c, Evaluation e, Run r where e.checkpointId = c.id and c.runId = r.id and "
                        + "r.project.id = ?1 and e.status = ?2 and not exists (select 1 from Checkpoint c2, "
                        + "Evaluation e2 where e2.checkpointId = c2.id and c2.runId = c.runId and c2.step > c.step "
                        + "and e2.status = ?3)", Long.class)
                .setParameter(1, projectId).setParameter(2, EvaluationResult.DIVERGED)
                .setParameter(3, EvaluationResult.OK).getResultList());
        diverged.addAll(Evaluation.getEntityManager().createQuery("select r.id from Run r where r.project.id = ?1 and "
                        + "r.divergedStep is not null and not exists (select 1 from Checkpoint c, Evaluation e where "
                        + "e.checkpointId = c.id and c.runId = r.id and c.step >= r.divergedStep and e.status = ?2)",
                        Long.class)
                .setParameter(1, projectId).setParameter(2, EvaluationResult.OK).getResultList());
        return diverged;
    }
}

package dev.ganboard.backend.leaderboard;

import dev.ganboard.backend.run.Run;
import dev.ganboard.metrics.statistics.Direction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps {@link LeaderboardPick} in step with a run's evaluation values: after each evaluation the run's picks for
 * that extractor are recomputed from its values (a few hundred rows), so a board reads one row per run.
 */
@ApplicationScoped
public class LeaderboardPicks {
    private static final Logger LOG = Logger.getLogger(LeaderboardPicks.class);

    private record Value(long step, double value, boolean collapsed, long evaluationId, long checkpointId) {
    }

    /** Recomputes the picks of one run for one extractor; joins the caller's transaction. */
    @Transactional
    public void refresh(long projectId, long runId, String extractor) {
        // two evaluations of the same run stored at once would both replace the picks: one after the other
        Run.findById(runId, LockModeType.PESSIMISTIC_WRITE);
        Map<String, List<Value>> byMetric = new LinkedHashMap<>();
        List<Object[]> rows = EvaluationValue.getEntityManager().createQuery("select v.metric, v.step, v.val, "
                        + "v.collapsed, v.evaluationId, v.checkpointId from EvaluationValue v "
                        + "where v.runId = ?1 and v.extractor = ?2 order by v.metric, v.step, v.evaluationId",
                        Object[].class)
                .setParameter(1, runId).setParameter(2, extractor).getResultList();
        for (Object[] r : rows) {
            byMetric.computeIfAbsent((String) r[0], m -> new ArrayList<>()).add(new Value((Long) r[1],
                    (Double) r[2], (Boolean) r[3], (Long) r[4], (Long) r[5]));
        }
        Map<Long, Map<String, Double>> metricsOfEvaluation = new HashMap<>();
        byMetric.forEach((metric, values) -> values.forEach(v ->
                metricsOfEvaluation.computeIfAbsent(v.evaluationId(), e -> new TreeMap<>()).put(metric, v.value())));
        LeaderboardPick.delete("runId = ?1 and extractor = ?2", runId, extractor);
        byMetric.forEach((metric, values) -> direction(metric).ifPresent(direction ->
                pick(projectId, runId, extractor, metric, direction, values, metricsOfEvaluation)));
    }

    private static void pick(long projectId, long runId, String extractor, String metric, Direction direction,
                             List<Value> byStep, Map<Long, Map<String, Double>> metricsOfEvaluation) {
        List<CheckpointPolicy.Point> points = byStep.stream()
                .map(v -> new CheckpointPolicy.Point(v.step(), v.value(), v.collapsed())).toList();
        boolean collapsed = byStep.stream().anyMatch(Value::collapsed);
        for (CheckpointPolicy policy : CheckpointPolicy.values()) {
            LeaderboardPick pick = new LeaderboardPick();
            pick.projectId = projectId;
            pick.runId = runId;
            pick.extractor = extractor;
            pick.metric = metric;
            pick.policy = policy.label();
            pick.runCollapsed = collapsed;
            policy.choose(points, direction).ifPresent(chosen -> {
                Value v = byStep.get(points.indexOf(chosen));
                pick.evaluationId = v.evaluationId();
                pick.checkpointId = v.checkpointId();
                pick.step = v.step();
                pick.val = v.value();
                Map<String, Double> others = new TreeMap<>(metricsOfEvaluation.get(v.evaluationId()));
                others.remove(metric);
                pick.otherMetrics = OtherMetrics.encode(others);
            });
            pick.persist();
        }
    }

    /** Metrics with a known better direction are ranked; bookkeeping numbers such as n_modes are not. */
    static Optional<Direction> direction(String metric) {
        try {
            return Optional.of(Direction.forMetric(metric));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    void onStart(@Observes StartupEvent event) {
        backfill();
    }

    /**
     * Computes the picks of every run that has evaluation values but no picks: values stored before picks existed,
     * or after a migration dropped them. Found run by run through the indexes (no pass over every value), so a
     * start costs little when nothing is missing. Returns how many (run, extractor) pairs were computed.
     */
    @ActivateRequestContext
    public int backfill() {
        List<Long> runsWithoutPicks = EvaluationValue.getEntityManager().createQuery("select r.id from Run r where "
                + "not exists (select 1 from LeaderboardPick p where p.runId = r.id)", Long.class).getResultList();
        List<Object[]> missing = new ArrayList<>();
        for (int from = 0; from < runsWithoutPicks.size(); from += 1000) {
            missing.addAll(EvaluationValue.getEntityManager().createQuery("select distinct v.projectId, v.runId, "
                            + "v.extractor from EvaluationValue v where v.runId in ?1", Object[].class)
                    .setParameter(1, runsWithoutPicks.subList(from, Math.min(runsWithoutPicks.size(), from + 1000)))
                    .getResultList());
        }
        long started = System.nanoTime();
        int done = 0;
        for (Object[] m : missing) {
            refresh((Long) m[0], (Long) m[1], (String) m[2]);
            done++;
            if (done % 500 == 0 || done == missing.size()) {
                double seconds = (System.nanoTime() - started) / 1e9;
                LOG.infof("leaderboard picks: %,d of %,d runs (ETA %.0f s)", done, missing.size(),
                        seconds / done * (missing.size() - done));
            }
        }
        return done;
    }
}

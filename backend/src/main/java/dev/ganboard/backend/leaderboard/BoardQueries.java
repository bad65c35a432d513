package dev.ganboard.backend.leaderboard;

import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a board reads from the database: one pick per run, with the other metrics of the picked evaluation. */
final class BoardQueries {
    private BoardQueries() {
    }

    /** A run's pick; {@code value} is null when no checkpoint qualified under the policy. */
    record RunPick(String variant, Long seed, long runId, Long step, Double value, boolean runCollapsed,
                   String otherMetrics) {
    }

    static List<RunPick> picks(long projectId, String metric, String extractor, CheckpointPolicy policy) {
        return em().createQuery("select r.variant, r.seed, p.runId, p.step, p.val, p.runCollapsed, p.otherMetrics "
                        + "from LeaderboardPick p, Run r where r.id = p.runId and p.projectId = ?1 and p.metric = ?2 "
                        + "and p.extractor = ?3 and p.policy = ?4 order by p.runId", Object[].class)
                .setParameter(1, projectId).setParameter(2, metric).setParameter(3, extractor)
                .setParameter(4, policy.label()).getResultList().stream()
                .map(r -> new RunPick((String) r[0], (Long) r[1], (Long) r[2], (Long) r[3], (Double) r[4],
                        (Boolean) r[5], (String) r[6]))
                .toList();
    }

    /** A run's variant and seed. */
    record RunIdentity(long runId, String variant, Long seed) {
    }

    /** Variant and seed of the given runs (a diverged run may have no pick on a board). */
    static List<RunIdentity> runs(Collection<Long> runIds) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        return em().createQuery("select r.id, r.variant, r.seed from Run r where r.id in ?1 order by r.id",
                        Object[].class)
                .setParameter(1, runIds).getResultList().stream()
                .map(r -> new RunIdentity((Long) r[0], (String) r[1], (Long) r[2])).toList();
    }

    /** Per variant, the mean of every other metric of the evaluations the policy picked. */
    static Map<String, Map<String, Double>> otherMetricMeans(List<RunPick> picks) {
        Map<String, Map<String, double[]>> sums = new HashMap<>();
        for (RunPick pick : picks) {
            OtherMetrics.decode(pick.otherMetrics()).forEach((metric, value) -> {
                double[] sum = sums.computeIfAbsent(pick.variant(), v -> new HashMap<>())
                        .computeIfAbsent(metric, m -> new double[2]);
                sum[0] += value;
                sum[1]++;
            });
        }
        Map<String, Map<String, Double>> means = new HashMap<>();
        sums.forEach((variant, byMetric) -> {
            Map<String, Double> m = new TreeMap<>();
            byMetric.forEach((name, sum) -> m.put(name, sum[0] / sum[1]));
            means.put(variant, m);
        });
        return means;
    }

    /** The ranked metrics of a project, most evaluated first. */
    static List<String> metrics(long projectId) {
        return em().createQuery("select p.metric from LeaderboardPick p where p.projectId = ?1 and p.policy = ?2 "
                        + "group by p.metric order by count(p) desc, p.metric", String.class)
                .setParameter(1, projectId).setParameter(2, CheckpointPolicy.FINAL.label()).getResultList();
    }

    /** The extractors that produced a metric in a project, most used first. */
    static List<String> extractors(long projectId, String metric) {
        return em().createQuery("select p.extractor from LeaderboardPick p where p.projectId = ?1 and p.metric = ?2 "
                        + "and p.policy = ?3 group by p.extractor order by count(p) desc, p.extractor", String.class)
                .setParameter(1, projectId).setParameter(2, metric).setParameter(3, CheckpointPolicy.FINAL.label())
                .getResultList();
    }

    private static EntityManager em() {
        return LeaderboardPick.getEntityManager();
    }
}

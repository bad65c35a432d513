package dev.ganboard.backend.leaderboard;

import dev.ganboard.backend.api.ApiException;
import dev.ganboard.backend.project.Project;
import dev.ganboard.metrics.seeds.BestOfKCurve;
import dev.ganboard.metrics.seeds.Direction;
import dev.ganboard.metrics.seeds.ExpectedBestOfK;
import dev.ganboard.metrics.seeds.SeedSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds leaderboards from {@link EvaluationValue}. A board is cached until the project's evaluations change
 * (the project's evaluation version, one primary-key read), because the statistics (exact rank tests,
 * bootstrap bands) cost far more than reading the values.
 */
@ApplicationScoped
public class LeaderboardService {
    static final int BOOTSTRAP_RESAMPLES = 1000;
    static final long BOOTSTRAP_SEED = 20180213L;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong computations = new java.util.concurrent.atomic.AtomicLong();

    private record Cached(long version, Leaderboard board) {
    }

    /** What a project's boards can show (metrics, and extractors per metric) at one catalogue version. */
    private record Catalogue(long version, List<String> metrics, Map<String, List<String>> extractors) {
    }

    private final Map<Long, Catalogue> catalogues = new ConcurrentHashMap<>();

    /** A board someone asked for, as they asked (null = the default); what the warmer recomputes after changes. */
    public record Request(String metric, String extractor, String policy) {
    }

    private static final int REMEMBERED_REQUESTS = 16;
    private final Map<Long, Set<Request>> requested = new ConcurrentHashMap<>();

    private record RunPoints(String variant, Long seed, long runId, List<CheckpointPolicy.Point> points,
                             Map<Long, Long> checkpointOfStep) {
    }

    @Transactional
    public Leaderboard board(long projectId, String metric, String extractor, String policyText) {
        CheckpointPolicy policy;
        Direction direction;
        try {
            policy = CheckpointPolicy.parse(policyText);
            direction = Direction.forMetric(metric == null ? "fid" : metric);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage().startsWith("policy") ? "policy" : "metric", e.getMessage());
        }
        remember(projectId, new Request(metric, extractor, policyText));
        String chosenMetric = metric == null ? "fid" : metric;
        Project project = Project.findById(projectId);
        long version = project.evaluationVersion;
        long catalogueVersion = project.catalogueVersion;
        Catalogue catalogue = catalogues.compute(projectId, (id, c) -> c != null && c.version() == catalogueVersion
                ? c : new Catalogue(catalogueVersion, distinct(projectId, "metric", null).stream()
                        .filter(LeaderboardService::ranked).toList(), new ConcurrentHashMap<>()));
        List<String> extractors = catalogue.extractors().computeIfAbsent(chosenMetric,
                m -> distinct(projectId, "extractor", m));
        String chosenExtractor = extractor != null ? extractor : extractors.isEmpty() ? "identity" : extractors.get(0);
        String key = projectId + "|" + chosenMetric + "|" + chosenExtractor + "|" + policy;
        Cached cached = cache.get(key);
        if (cached != null && cached.version() == version) {
            return cached.board();
        }
        Leaderboard board = compute(projectId, chosenMetric, chosenExtractor, policy, direction, catalogue.metrics(),
                extractors);
        cache.put(key, new Cached(version, board));
        return board;
    }

    private void remember(long projectId, Request request) {
        Set<Request> recent = requested.computeIfAbsent(projectId,
                id -> Collections.synchronizedSet(new LinkedHashSet<>()));
        synchronized (recent) {
            recent.remove(request);
            recent.add(request);
            if (recent.size() > REMEMBERED_REQUESTS) {
                recent.remove(recent.iterator().next());
            }
        }
    }

    /** The boards of a project asked for recently, least recent first. */
    public List<Request> recentRequests(long projectId) {
        Set<Request> recent = requested.getOrDefault(projectId, Set.of());
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    /** How many boards were computed (not served from the cache) since start. */
    public long computations() {
        return computations.get();
    }

    /**
     * Drops every cached board (they are rebuilt on the next request). The lists of metrics and extractors stay:
     * they change only with the catalogue version, as after new evaluations.
     */
    public void invalidate() {
        cache.clear();
    }

    private Leaderboard compute(long projectId, String metric, String extractor, CheckpointPolicy policy,
                                Direction direction, List<String> metrics, List<String> extractors) {
        computations.incrementAndGet();
        Map<String, List<Leaderboard.SeedValue>> seedsByVariant = new TreeMap<>();
        Map<String, int[]> collapsedRuns = new HashMap<>();
        List<Long> chosenCheckpoints = new ArrayList<>();
        Map<Long, String> variantOfCheckpoint = new HashMap<>();
        for (RunPoints run : load(projectId, metric, extractor)) {
            boolean everCollapsed = run.points().stream().anyMatch(CheckpointPolicy.Point::collapsed);
            collapsedRuns.computeIfAbsent(run.variant(), v -> new int[1])[0] += everCollapsed ? 1 : 0;
            Optional<CheckpointPolicy.Point> chosen = policy.choose(run.points(), direction);
            if (chosen.isEmpty()) {
                continue;
            }
            CheckpointPolicy.Point p = chosen.get();
            seedsByVariant.computeIfAbsent(run.variant(), v -> new ArrayList<>())
                    .add(new Leaderboard.SeedValue(run.runId(), run.seed(), p.step(), p.value()));
            long checkpoint = run.checkpointOfStep().get(p.step());
            chosenCheckpoints.add(checkpoint);
            variantOfCheckpoint.put(checkpoint, run.variant());
        }
        Map<String, Map<String, Double>> others = otherMetricMeans(projectId, extractor, metric, chosenCheckpoints,
                variantOfCheckpoint);
        Map<String, double[]> values = new LinkedHashMap<>();
        List<Leaderboard.Row> rows = new ArrayList<>();
        Map<String, List<Leaderboard.BudgetPoint>> budget = new LinkedHashMap<>();
        // the bootstrap bands are most of a cold board's time; variants are independent, so use the cores
        Map<String, List<Leaderboard.BudgetPoint>> bands = seedsByVariant.entrySet().parallelStream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> budget(e.getValue().stream()
                        .mapToDouble(Leaderboard.SeedValue::value).toArray(), direction)));
        seedsByVariant.forEach((variant, seeds) -> {
            double[] v = seeds.stream().mapToDouble(Leaderboard.SeedValue::value).toArray();
            values.put(variant, v);
            SeedSummary s = SeedSummary.of(v);
            int runs = seeds.size();
            int collapsed = collapsedRuns.getOrDefault(variant, new int[1])[0];
            rows.add(new Leaderboard.Row(variant, runs, s.mean(), s.std(), s.median(), s.q1(), s.q3(), s.iqr(),
                    s.min(), s.max(), (double) collapsed / runs, seeds, others.getOrDefault(variant, Map.of())));
            budget.put(variant, bands.get(variant));
        });
        Comparator<Leaderboard.Row> byMean = Comparator.comparingDouble(Leaderboard.Row::mean);
        rows.sort(direction == Direction.LOWER_IS_BETTER ? byMean : byMean.reversed());
        Map<String, double[]> ordered = new LinkedHashMap<>();
        rows.forEach(r -> ordered.put(r.variant(), values.get(r.variant())));
        return new Leaderboard(metric, extractor, policy.label(), policy.optimistic(),
                direction == Direction.LOWER_IS_BETTER ? "lower is better" : "higher is better", rows,
                PairwiseComparisons.of(ordered, metric, direction), budget, metrics, extractors);
    }

    private static List<Leaderboard.BudgetPoint> budget(double[] values, Direction direction) {
        BestOfKCurve curve = ExpectedBestOfK.curve(values, direction, BOOTSTRAP_RESAMPLES, 0.95, BOOTSTRAP_SEED);
        List<Leaderboard.BudgetPoint> points = new ArrayList<>(curve.k().length);
        for (int i = 0; i < curve.k().length; i++) {
            points.add(new Leaderboard.BudgetPoint(curve.k()[i], curve.expected()[i], curve.lower()[i], curve.upper()[i]));
        }
        return points;
    }

    private static EntityManager em() {
        return EvaluationValue.getEntityManager();
    }

    private static List<RunPoints> load(long projectId, String metric, String extractor) {
        List<Object[]> rows = em().createQuery("select r.variant, r.seed, v.runId, v.step, v.val, v.collapsed, "
                        + "v.checkpointId from EvaluationValue v, Run r where r.id = v.runId and v.projectId = ?1 "
                        + "and v.metric = ?2 and v.extractor = ?3 order by v.runId, v.step", Object[].class)
                .setParameter(1, projectId).setParameter(2, metric).setParameter(3, extractor).getResultList();
        List<RunPoints> runs = new ArrayList<>();
        RunPoints current = null;
        for (Object[] r : rows) {
            long runId = (Long) r[2];
            if (current == null || current.runId() != runId) {
                current = new RunPoints((String) r[0], (Long) r[1], runId, new ArrayList<>(), new HashMap<>());
                runs.add(current);
            }
            long step = (Long) r[3];
            current.points().add(new CheckpointPolicy.Point(step, (Double) r[4], (Boolean) r[5]));
            current.checkpointOfStep().put(step, (Long) r[6]);
        }
        return runs;
    }

    private static Map<String, Map<String, Double>> otherMetricMeans(long projectId, String extractor, String metric,
                                                                     List<Long> checkpoints,
                                                                     Map<Long, String> variantOfCheckpoint) {
        Map<String, Map<String, double[]>> sums = new HashMap<>();
        for (int from = 0; from < checkpoints.size(); from += 1000) {
            List<Long> chunk = checkpoints.subList(from, Math.min(checkpoints.size(), from + 1000));
            List<Object[]> rows = em().createQuery("select v.checkpointId, v.metric, v.val from EvaluationValue v "
                            + "where v.projectId = ?1 and v.extractor = ?2 and v.metric <> ?3 and v.checkpointId in ?4",
                            Object[].class)
                    .setParameter(1, projectId).setParameter(2, extractor).setParameter(3, metric)
                    .setParameter(4, chunk).getResultList();
            for (Object[] r : rows) {
                double[] acc = sums.computeIfAbsent(variantOfCheckpoint.get((Long) r[0]), v -> new TreeMap<>())
                        .computeIfAbsent((String) r[1], m -> new double[2]);
                acc[0] += (Double) r[2];
                acc[1]++;
            }
        }
        Map<String, Map<String, Double>> means = new HashMap<>();
        sums.forEach((variant, byMetric) -> {
            Map<String, Double> m = new TreeMap<>();
            byMetric.forEach((name, acc) -> m.put(name, acc[0] / acc[1]));
            means.put(variant, m);
        });
        return means;
    }

    /** Metrics with a known better direction; bookkeeping numbers such as n_modes are not ranked. */
    private static boolean ranked(String metric) {
        try {
            Direction.forMetric(metric);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static List<String> distinct(long projectId, String column, String metric) {
        String where = metric == null ? "" : " and v.metric = ?2";
        var query = em().createQuery("select v." + column + ", count(v) from EvaluationValue v where v.projectId = ?1"
                + where + " group by v." + column + " order by count(v) desc", Object[].class).setParameter(1, projectId);
        if (metric != null) {
            query.setParameter(2, metric);
        }
        return query.getResultList().stream().map(r -> (String) r[0]).toList();
    }

}

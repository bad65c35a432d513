package dev.ganboard.backend.leaderboard;

import dev.ganboard.backend.api.ApiException;
import dev.ganboard.backend.project.Project;
import dev.ganboard.metrics.statistics.Direction;
import dev.ganboard.metrics.statistics.Quantiles;
import dev.ganboard.metrics.statistics.SeedSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Builds leaderboards from the runs' {@link LeaderboardPick}s (one row per run). A board is cached until the
 * project's evaluations change (the project's evaluation version, one primary-key read); the bootstrap bands, most of
 * a board's computing time, are also remembered per variant's values, so after a new evaluation only its variant's
 * band is recomputed.
 */
@ApplicationScoped
public class LeaderboardService {
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final AtomicLong computations = new AtomicLong();
    private final BudgetBands bands = new BudgetBands();

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
                ? c : new Catalogue(catalogueVersion, BoardQueries.metrics(projectId), new ConcurrentHashMap<>()));
        List<String> extractors = catalogue.extractors().computeIfAbsent(chosenMetric,
                m -> BoardQueries.extractors(projectId, m));
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

    /** Forgets every cached board, list of metrics and bootstrap band: the next request computes from scratch. */
    public void invalidate() {
        cache.clear();
        catalogues.clear();
        bands.clear();
    }

    private Leaderboard compute(long projectId, String metric, String extractor, CheckpointPolicy policy,
                                Direction direction, List<String> metrics, List<String> extractors) {
        computations.incrementAndGet();
        Set<Long> divergedRuns = DivergedRuns.of(projectId);
        double worst = direction == Direction.LOWER_IS_BETTER ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        Map<String, List<Leaderboard.SeedValue>> seedsByVariant = new TreeMap<>();
        Map<String, int[]> runsCollapsedDiverged = new HashMap<>();
        List<BoardQueries.RunPick> picks = BoardQueries.picks(projectId, metric, extractor, policy);
        List<BoardQueries.RunPick> representative = new ArrayList<>();
        Set<Long> onBoard = new HashSet<>();
        for (BoardQueries.RunPick run : picks) {
            onBoard.add(run.runId());
            boolean diverged = divergedRuns.contains(run.runId());
            count(runsCollapsedDiverged, run.variant(), run.runCollapsed(), diverged);
            if (diverged && (policy == CheckpointPolicy.FINAL || run.value() == null)) {
                seedsByVariant.computeIfAbsent(run.variant(), v -> new ArrayList<>())
                        .add(new Leaderboard.SeedValue(run.runId(), run.seed(), null, worst, true));
            } else if (run.value() != null) {
                seedsByVariant.computeIfAbsent(run.variant(), v -> new ArrayList<>())
                        .add(new Leaderboard.SeedValue(run.runId(), run.seed(), run.step(), run.value(), diverged));
                representative.add(run);
            }
        }
        // diverged runs without a value of this metric (every checkpoint diverged, say) count too
        List<Long> missing = divergedRuns.stream().filter(id -> !onBoard.contains(id)).toList();
        for (BoardQueries.RunIdentity run : BoardQueries.runs(missing)) {
            count(runsCollapsedDiverged, run.variant(), true, true);
            seedsByVariant.computeIfAbsent(run.variant(), v -> new ArrayList<>())
                    .add(new Leaderboard.SeedValue(run.runId(), run.seed(), null, worst, true));
        }
        Map<String, Map<String, Double>> others = BoardQueries.otherMetricMeans(representative);
        Map<String, double[]> values = new LinkedHashMap<>();
        seedsByVariant.forEach((variant, seeds) -> {
            seeds.sort(Comparator.comparingLong(Leaderboard.SeedValue::runId));
            values.put(variant, seeds.stream().mapToDouble(Leaderboard.SeedValue::value).toArray());
        });
        // variants are independent, so the bootstrap bands use the cores
        Map<String, List<Leaderboard.BudgetPoint>> bandOf = values.entrySet().parallelStream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> bands.of(e.getValue(), direction)));
        List<Leaderboard.Row> rows = new ArrayList<>();
        seedsByVariant.forEach((variant, seeds) -> {
            int[] counts = runsCollapsedDiverged.get(variant);
            rows.add(row(variant, seeds, values.get(variant), counts, others.getOrDefault(variant, Map.of())));
        });
        Comparator<Double> better = direction == Direction.LOWER_IS_BETTER ? Comparator.naturalOrder()
                : Comparator.reverseOrder();
        rows.sort(Comparator.comparing(Leaderboard.Row::mean, Comparator.nullsLast(better)));
        Map<String, double[]> ordered = new LinkedHashMap<>();
        Map<String, List<Leaderboard.BudgetPoint>> budget = new LinkedHashMap<>();
        rows.forEach(r -> {
            ordered.put(r.variant(), values.get(r.variant()));
            budget.put(r.variant(), bandOf.get(r.variant()));
        });
        return new Leaderboard(metric, extractor, policy.label(), policy.optimistic(),
                direction == Direction.LOWER_IS_BETTER ? "lower is better" : "higher is better", rows,
                PairwiseComparisons.of(ordered, metric, direction), budget, metrics, extractors);
    }

    /** counts: runs, collapsed (a diverged run counts as collapsed), diverged. */
    private static void count(Map<String, int[]> counts, String variant, boolean collapsed, boolean diverged) {
        int[] c = counts.computeIfAbsent(variant, v -> new int[3]);
        c[0]++;
        c[1] += collapsed || diverged ? 1 : 0;
        c[2] += diverged ? 1 : 0;
    }

    /** Rank statistics over every run (diverged ones at the worst value), mean and std over the finite ones. */
    private static Leaderboard.Row row(String variant, List<Leaderboard.SeedValue> seeds, double[] values,
                                       int[] counts, Map<String, Double> others) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
        SeedSummary f = finite.length == 0 ? null : SeedSummary.of(finite);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double q1 = Quantiles.ofSorted(sorted, 0.25);
        double q3 = Quantiles.ofSorted(sorted, 0.75);
        double iqr = Double.isInfinite(q1) || Double.isInfinite(q3) ? Double.POSITIVE_INFINITY : q3 - q1;
        int diverged = (int) seeds.stream().filter(Leaderboard.SeedValue::diverged).count();
        return new Leaderboard.Row(variant, seeds.size(), diverged, finite.length, f == null ? null : f.mean(),
                f == null ? null : f.std(), Quantiles.ofSorted(sorted, 0.5), q1, q3, iqr, sorted[0],
                sorted[sorted.length - 1], (double) counts[1] / counts[0], seeds, others);
    }
}

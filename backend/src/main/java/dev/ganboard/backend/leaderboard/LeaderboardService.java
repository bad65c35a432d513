package dev.ganboard.backend.leaderboard;

import dev.ganboard.backend.api.ApiException;
import dev.ganboard.backend.project.Project;
import dev.ganboard.metrics.statistics.Direction;
import dev.ganboard.metrics.statistics.SeedSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
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
        Map<String, List<Leaderboard.SeedValue>> seedsByVariant = new TreeMap<>();
        Map<String, int[]> runsAndCollapsed = new HashMap<>();
        List<BoardQueries.RunPick> picks = BoardQueries.picks(projectId, metric, extractor, policy);
        for (BoardQueries.RunPick run : picks) {
            int[] counts = runsAndCollapsed.computeIfAbsent(run.variant(), v -> new int[2]);
            counts[0]++;
            counts[1] += run.runCollapsed() ? 1 : 0;
            if (run.value() != null) {
                seedsByVariant.computeIfAbsent(run.variant(), v -> new ArrayList<>())
                        .add(new Leaderboard.SeedValue(run.runId(), run.seed(), run.step(), run.value()));
            }
        }
        Map<String, Map<String, Double>> others = BoardQueries.otherMetricMeans(picks);
        Map<String, double[]> values = new LinkedHashMap<>();
        seedsByVariant.forEach((variant, seeds) ->
                values.put(variant, seeds.stream().mapToDouble(Leaderboard.SeedValue::value).toArray()));
        // variants are independent, so the bootstrap bands use the cores
        Map<String, List<Leaderboard.BudgetPoint>> bandOf = values.entrySet().parallelStream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> bands.of(e.getValue(), direction)));
        List<Leaderboard.Row> rows = new ArrayList<>();
        seedsByVariant.forEach((variant, seeds) -> {
            SeedSummary s = SeedSummary.of(values.get(variant));
            int[] counts = runsAndCollapsed.get(variant);
            rows.add(new Leaderboard.Row(variant, seeds.size(), s.mean(), s.std(), s.median(), s.q1(), s.q3(),
                    s.iqr(), s.min(), s.max(), (double) counts[1] / counts[0], seeds,
                    others.getOrDefault(variant, Map.of())));
        });
        Comparator<Leaderboard.Row> byMean = Comparator.comparingDouble(Leaderboard.Row::mean);
        rows.sort(direction == Direction.LOWER_IS_BETTER ? byMean : byMean.reversed());
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

}

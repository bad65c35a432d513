package dev.ganboard.backend.metric;

import dev.ganboard.backend.live.RunUpdates;
import dev.ganboard.protocol.MetricBatch;
import dev.ganboard.protocol.ingest.MetricColumns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Persists metric batches idempotently: batches already recorded in {@link IngestedBatch} are skipped, the rest are
 * packed into one {@link MetricSegment} per (run, key) and the latest values move forward — all in one transaction.
 * Points travel in primitive columns from the Kafka record to the segment bytes.
 */
@ApplicationScoped
public class MetricStore {
    static final int MAX_POINTS_PER_SEGMENT = 16_384;

    @Inject
    RunUpdates updates;
    @Inject
    RunOwners owners;

    /** What a call stored: batches new to the database, duplicates skipped, batches for unknown runs. */
    public record Outcome(int stored, int duplicates, List<MetricColumns> unknownRun, long points) {
    }

    @Transactional
    public Outcome store(List<MetricBatch> batches) {
        return storeColumns(batches.stream().map(MetricColumns::of).toList());
    }

    @Transactional
    public Outcome storeColumns(List<MetricColumns> batches) {
        Map<Long, Long> projectOfRun = projectsOf(batches);
        List<MetricColumns> unknown = new ArrayList<>();
        List<MetricColumns> fresh = new ArrayList<>();
        int duplicates = 0;
        Map<Long, Set<Long>> seen = new HashMap<>();
        Map<Long, List<Long>> polledSeqs = new HashMap<>();
        batches.forEach(b -> polledSeqs.computeIfAbsent(b.runId(), r -> new ArrayList<>()).add(b.seq()));
        for (MetricColumns batch : batches) {
            if (!projectOfRun.containsKey(batch.runId())) {
                unknown.add(batch);
                continue;
            }
            Set<Long> seqs = seen.computeIfAbsent(batch.runId(), run -> storedSeqs(run, polledSeqs.get(run)));
            if (!seqs.add(batch.seq())) {
                duplicates++;
                continue;
            }
            fresh.add(batch);
        }
        long points = persist(fresh);
        fresh.stream().map(MetricColumns::runId).distinct()
                .forEach(runId -> updates.publish(projectOfRun.get(runId), runId));
        return new Outcome(fresh.size(), duplicates, unknown, points);
    }

    private Map<Long, Long> projectsOf(List<MetricColumns> batches) {
        Map<Long, Long> projectOfRun = new HashMap<>();
        owners.of(batches.stream().map(MetricColumns::runId).distinct().toList())
                .forEach((run, owner) -> projectOfRun.put(run, owner.projectId()));
        return projectOfRun;
    }

    /** Which of this poll's seqs the run already has: bounded by the poll, not by the length of the run. */
    private Set<Long> storedSeqs(long runId, List<Long> candidates) {
        Set<Long> stored = new HashSet<>();
        for (int from = 0; from < candidates.size(); from += 1000) {
            stored.addAll(IngestedBatch.getEntityManager()
                    .createQuery("select b.seq from IngestedBatch b where b.runId = ?1 and b.seq in ?2", Long.class)
                    .setParameter(1, runId)
                    .setParameter(2, candidates.subList(from, Math.min(candidates.size(), from + 1000)))
                    .getResultList());
        }
        return stored;
    }

    private long persist(List<MetricColumns> batches) {
        Map<Long, Map<String, Series>> byRunAndKey = new LinkedHashMap<>();
        Instant now = Instant.now();
        long points = 0;
        for (MetricColumns batch : batches) {
            Map<String, Series> byKey = byRunAndKey.computeIfAbsent(batch.runId(), r -> new LinkedHashMap<>());
            Series[] seriesOfKey = new Series[batch.keyCount()];
            for (int k = 0; k < seriesOfKey.length; k++) {
                seriesOfKey[k] = byKey.computeIfAbsent(batch.key(k), key -> new Series());
            }
            for (int i = 0; i < batch.size(); i++) {
                seriesOfKey[batch.keyIndex(i)].add(batch.step(i), batch.value(i), batch.time(i));
            }
            IngestedBatch marker = new IngestedBatch();
            marker.runId = batch.runId();
            marker.seq = batch.seq();
            marker.pointCount = batch.size();
            marker.storedAt = now;
            marker.persist();
            points += batch.size();
        }
        Map<LatestValue.Key, LatestValue> latest = new HashMap<>();
        if (!byRunAndKey.isEmpty()) {
            LatestValue.<LatestValue>list("runId in ?1", List.copyOf(byRunAndKey.keySet()))
                    .forEach(v -> latest.put(new LatestValue.Key(v.runId, v.metricKey), v));
        }
        byRunAndKey.forEach((runId, byKey) -> byKey.forEach((key, series) -> {
            series.sortByStep();
            for (int from = 0; from < series.size; from += MAX_POINTS_PER_SEGMENT) {
                segment(runId, key, series, from, Math.min(series.size, from + MAX_POINTS_PER_SEGMENT)).persist();
            }
            int last = series.size - 1;
            advanceLatest(latest.get(new LatestValue.Key(runId, key)), runId, key, series.steps[last],
                    series.values[last], series.size);
        }));
        return points;
    }

    private static MetricSegment segment(long runId, String key, Series s, int from, int to) {
        MetricSegment segment = new MetricSegment();
        segment.runId = runId;
        segment.metricKey = key;
        segment.firstStep = s.steps[from];
        segment.lastStep = s.steps[to - 1];
        segment.pointCount = to - from;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            min = Math.min(min, s.values[i]);
            max = Math.max(max, s.values[i]);
        }
        segment.minValue = min;
        segment.maxValue = max;
        segment.payload = SegmentCodec.encode(s.steps, s.values, s.times, from, to);
        return segment;
    }

    private static void advanceLatest(LatestValue latest, long runId, String key, long step, double value, int added) {
        if (latest == null) {
            latest = new LatestValue();
            latest.runId = runId;
            latest.metricKey = key;
            latest.step = step;
            latest.val = value;
            latest.pointCount = added;
            latest.persist();
            return;
        }
        latest.pointCount += added;
        if (step >= latest.step) {
            latest.step = step;
            latest.val = value;
        }
    }

    /** The points of one (run, key) gathered from a poll, in growable primitive columns. */
    static final class Series {
        long[] steps = new long[1024];
        double[] values = new double[1024];
        long[] times = new long[1024];
        int size;
        private boolean sorted = true;

        void add(long step, double value, long time) {
            if (size == steps.length) {
                steps = Arrays.copyOf(steps, size * 2);
                values = Arrays.copyOf(values, size * 2);
                times = Arrays.copyOf(times, size * 2);
            }
            if (size > 0 && step < steps[size - 1]) {
                sorted = false;
            }
            steps[size] = step;
            values[size] = value;
            times[size] = time;
            size++;
        }

        /** Stable: points of equal step keep their arrival order. Usually already sorted (batches arrive in order). */
        void sortByStep() {
            if (sorted) {
                return;
            }
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            long[] s = steps;
            Arrays.sort(order, (a, b) -> Long.compare(s[a], s[b]));
            long[] steps2 = new long[size];
            double[] values2 = new double[size];
            long[] times2 = new long[size];
            for (int i = 0; i < size; i++) {
                steps2[i] = steps[order[i]];
                values2[i] = values[order[i]];
                times2[i] = times[order[i]];
            }
            steps = steps2;
            values = values2;
            times = times2;
            sorted = true;
        }
    }
}

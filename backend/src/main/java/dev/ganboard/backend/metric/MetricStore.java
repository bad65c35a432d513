package dev.ganboard.backend.metric;

import dev.ganboard.backend.live.RunUpdates;
import dev.ganboard.backend.run.Run;
import dev.ganboard.protocol.MetricBatch;
import dev.ganboard.protocol.MetricPoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Persists metric batches idempotently: batches already recorded in {@link IngestedBatch} are skipped, the rest are
 * packed into one {@link MetricSegment} per (run, key) and the latest values move forward — all in one transaction.
 */
@ApplicationScoped
public class MetricStore {
    static final int MAX_POINTS_PER_SEGMENT = 16_384;

    @Inject
    RunUpdates updates;

    /** What a call stored: batches new to the database, duplicates skipped, batches for unknown runs. */
    public record Outcome(int stored, int duplicates, List<MetricBatch> unknownRun, long points) {
    }

    @Transactional
    public Outcome store(List<MetricBatch> batches) {
        Map<Long, Long> projectOfRun = projectsOf(batches);
        List<MetricBatch> unknown = new ArrayList<>();
        List<MetricBatch> fresh = new ArrayList<>();
        int duplicates = 0;
        Map<Long, Set<Long>> seen = new HashMap<>();
        Map<Long, List<Long>> polledSeqs = new HashMap<>();
        batches.forEach(b -> polledSeqs.computeIfAbsent(b.runId(), r -> new ArrayList<>()).add(b.seq()));
        for (MetricBatch batch : batches) {
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
        fresh.stream().map(MetricBatch::runId).distinct()
                .forEach(runId -> updates.publish(projectOfRun.get(runId), runId));
        return new Outcome(fresh.size(), duplicates, unknown, points);
    }

    private Map<Long, Long> projectsOf(List<MetricBatch> batches) {
        List<Long> runIds = batches.stream().map(MetricBatch::runId).distinct().toList();
        Map<Long, Long> projectOfRun = new HashMap<>();
        Run.<Run>list("id in ?1", runIds).forEach(run -> projectOfRun.put(run.id, run.project.id));
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

    private long persist(List<MetricBatch> batches) {
        Map<Long, Map<String, List<SeriesPoint>>> byRunAndKey = new LinkedHashMap<>();
        Instant now = Instant.now();
        long points = 0;
        for (MetricBatch batch : batches) {
            Map<String, List<SeriesPoint>> byKey = byRunAndKey.computeIfAbsent(batch.runId(), r -> new LinkedHashMap<>());
            for (MetricPoint p : batch.points()) {
                long time = p.time() != null ? p.time() : batch.receivedAt();
                byKey.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(new SeriesPoint(p.step(), p.value(), time));
            }
            IngestedBatch marker = new IngestedBatch();
            marker.runId = batch.runId();
            marker.seq = batch.seq();
            marker.pointCount = batch.points().size();
            marker.storedAt = now;
            marker.persist();
            points += batch.points().size();
        }
        byRunAndKey.forEach((runId, byKey) -> byKey.forEach((key, series) -> {
            series.sort(Comparator.comparingLong(SeriesPoint::step)); // stable: equal steps keep arrival order
            for (int from = 0; from < series.size(); from += MAX_POINTS_PER_SEGMENT) {
                segment(runId, key, series.subList(from, Math.min(series.size(), from + MAX_POINTS_PER_SEGMENT))).persist();
            }
            advanceLatest(runId, key, series.get(series.size() - 1), series.size());
        }));
        return points;
    }

    private static MetricSegment segment(long runId, String key, List<SeriesPoint> points) {
        MetricSegment segment = new MetricSegment();
        segment.runId = runId;
        segment.metricKey = key;
        segment.firstStep = points.get(0).step();
        segment.lastStep = points.get(points.size() - 1).step();
        segment.pointCount = points.size();
        segment.minValue = points.stream().mapToDouble(SeriesPoint::value).min().orElseThrow();
        segment.maxValue = points.stream().mapToDouble(SeriesPoint::value).max().orElseThrow();
        segment.payload = SegmentCodec.encode(points);
        return segment;
    }

    private static void advanceLatest(long runId, String key, SeriesPoint last, int added) {
        LatestValue latest = LatestValue.findById(new LatestValue.Key(runId, key));
        if (latest == null) {
            latest = new LatestValue();
            latest.runId = runId;
            latest.metricKey = key;
            latest.step = last.step();
            latest.val = last.value();
            latest.pointCount = added;
            latest.persist();
            return;
        }
        latest.pointCount += added;
        if (last.step() >= latest.step) {
            latest.step = last.step();
            latest.val = last.value();
        }
    }
}

package dev.ganboard.backend.metric;

import dev.ganboard.backend.live.RunUpdates;
import dev.ganboard.protocol.MetricBatch;
import dev.ganboard.protocol.ingest.MetricColumns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Persists metric batches idempotently: batches already recorded in {@link IngestedBatch} are skipped, the rest are
 * packed into one {@link MetricSegment} per (run, key) and the latest values move forward — all in one transaction.
 * Points travel in primitive columns from the Kafka record to the segment bytes, and rows are written with plain
 * JDBC batches (an entity per row cost more than the rest of the consumer).
 *
 * <p>NaN and ±Infinity are stored as sent (a diverging run is a result). The first step at which any key of a run
 * turned non-finite, and that key, are kept on the run ({@code run.diverged_step}, {@code run.diverged_key}) in the
 * same transaction, so divergence is queryable without reading series.
 */
@ApplicationScoped
public class MetricStore {
    static final int MAX_POINTS_PER_SEGMENT = 16_384;

    @Inject
    RunUpdates updates;
    @Inject
    RunOwners owners;
    @Inject
    DataSource dataSource;
    @Inject
    SegmentIds ids;

    /** What a call stored: batches new to the database, duplicates skipped, batches for unknown runs. */
    public record Outcome(int stored, int duplicates, List<MetricColumns> unknownRun, long points) {
    }

    @Transactional
    public Outcome store(List<MetricBatch> batches) {
        return storeColumns(batches.stream().map(MetricColumns::of).toList());
    }

    @Transactional
    public Outcome storeColumns(List<MetricColumns> batches) {
        try (Connection db = dataSource.getConnection()) {
            return storeColumns(db, batches);
        } catch (SQLException e) {
            throw new IllegalStateException("storing metric batches failed: " + e.getMessage(), e);
        }
    }

    private Outcome storeColumns(Connection db, List<MetricColumns> batches) throws SQLException {
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
            Set<Long> seqs = seen.get(batch.runId());
            if (seqs == null) {
                seqs = storedSeqs(db, batch.runId(), polledSeqs.get(batch.runId()));
                seen.put(batch.runId(), seqs);
            }
            if (!seqs.add(batch.seq())) {
                duplicates++;
                continue;
            }
            fresh.add(batch);
        }
        long points = persist(db, fresh);
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
    private Set<Long> storedSeqs(Connection db, long runId, List<Long> candidates) throws SQLException {
        Set<Long> stored = new HashSet<>();
        for (int from = 0; from < candidates.size(); from += 1000) {
            List<Long> part = candidates.subList(from, Math.min(candidates.size(), from + 1000));
            String sql = "select seq from ingested_batch where run_id = ? and seq in ("
                    + String.join(",", Collections.nCopies(part.size(), "?")) + ")";
            try (PreparedStatement q = db.prepareStatement(sql)) {
                q.setLong(1, runId);
                for (int i = 0; i < part.size(); i++) {
                    q.setLong(i + 2, part.get(i));
                }
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        stored.add(rs.getLong(1));
                    }
                }
            }
        }
        return stored;
    }

    /** Plain JDBC batches (no entity per row): markers, segments, then the latest values. */
    private long persist(Connection db, List<MetricColumns> batches) throws SQLException {
        Map<Long, Map<String, Series>> byRunAndKey = new LinkedHashMap<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        long points = 0;
        try (PreparedStatement markers = db.prepareStatement(
                "insert into ingested_batch (run_id, seq, point_count, stored_at) values (?, ?, ?, ?)")) {
            for (MetricColumns batch : batches) {
                Map<String, Series> byKey = byRunAndKey.computeIfAbsent(batch.runId(), r -> new LinkedHashMap<>());
                Series[] seriesOfKey = new Series[batch.keyCount()];
                for (int k = 0; k < seriesOfKey.length; k++) {
                    seriesOfKey[k] = byKey.computeIfAbsent(batch.key(k), key -> new Series());
                }
                for (int i = 0; i < batch.size(); i++) {
                    seriesOfKey[batch.keyIndex(i)].add(batch.step(i), batch.value(i), batch.time(i));
                }
                markers.setLong(1, batch.runId());
                markers.setLong(2, batch.seq());
                markers.setInt(3, batch.size());
                markers.setObject(4, now);
                markers.addBatch();
                points += batch.size();
            }
            if (!batches.isEmpty()) {
                markers.executeBatch();
            }
        }
        if (byRunAndKey.isEmpty()) {
            return points;
        }
        try (PreparedStatement segments = db.prepareStatement("insert into metric_segment (id, run_id, metric_key, "
                + "first_step, last_step, point_count, min_value, max_value, payload) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<Long, Map<String, Series>> run : byRunAndKey.entrySet()) {
                for (Map.Entry<String, Series> e : run.getValue().entrySet()) {
                    Series series = e.getValue();
                    series.sortByStep();
                    for (int from = 0; from < series.size; from += MAX_POINTS_PER_SEGMENT) {
                        addSegment(segments, ids.next(db), run.getKey(), e.getKey(), series, from,
                                Math.min(series.size, from + MAX_POINTS_PER_SEGMENT));
                    }
                }
            }
            segments.executeBatch();
        }
        advanceLatest(db, byRunAndKey);
        recordDivergence(db, byRunAndKey);
        return points;
    }

    /**
     * Moves each run's divergence to the earliest non-finite point seen (ties at one step: the smallest key, so the
     * outcome does not depend on the order batches arrive in). Series are sorted by step here.
     */
    private static void recordDivergence(Connection db, Map<Long, Map<String, Series>> byRunAndKey) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("update run set diverged_step = ?, diverged_key = ? "
                + "where id = ? and (diverged_step is null or diverged_step > ? "
                + "or (diverged_step = ? and diverged_key > ?))")) {
            boolean any = false;
            for (Map.Entry<Long, Map<String, Series>> run : byRunAndKey.entrySet()) {
                long step = Long.MAX_VALUE;
                String key = null;
                for (Map.Entry<String, Series> e : run.getValue().entrySet()) {
                    long first = e.getValue().firstNonFiniteStep();
                    if (first >= 0 && (key == null || first < step || (first == step && e.getKey().compareTo(key) < 0))) {
                        step = first;
                        key = e.getKey();
                    }
                }
                if (key != null) {
                    update.setLong(1, step);
                    update.setString(2, key);
                    update.setLong(3, run.getKey());
                    update.setLong(4, step);
                    update.setLong(5, step);
                    update.setString(6, key);
                    update.addBatch();
                    any = true;
                }
            }
            if (any) {
                int[] changed = update.executeBatch();
                invalidateBoardsOfRunsThatDiverged(db, byRunAndKey.keySet(), changed);
            }
        }
    }

    /**
     * A run that diverges may change its project's leaderboard ({@code DivergedRuns}) without any new evaluation:
     * the boards are cached per evaluation version, so moving it makes them recompute.
     */
    private static void invalidateBoardsOfRunsThatDiverged(Connection db, Iterable<Long> runs, int[] changed)
            throws SQLException {
        if (Arrays.stream(changed).noneMatch(n -> n > 0 || n == Statement.SUCCESS_NO_INFO)) {
            return;
        }
        try (PreparedStatement bump = db.prepareStatement("update project set evaluation_version = "
                + "evaluation_version + 1 where id in (select project_id from run where id = ?)")) {
            for (long run : runs) {
                bump.setLong(1, run);
                bump.addBatch();
            }
            bump.executeBatch();
        }
    }

    private static void addSegment(PreparedStatement insert, long id, long runId, String key, Series s, int from, int to)
            throws SQLException {
        // over the finite points; NaN when the segment has none
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            double v = s.values[i];
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            min = Double.NaN;
            max = Double.NaN;
        }
        insert.setLong(1, id);
        insert.setLong(2, runId);
        insert.setString(3, key);
        insert.setLong(4, s.steps[from]);
        insert.setLong(5, s.steps[to - 1]);
        insert.setInt(6, to - from);
        insert.setDouble(7, min);
        insert.setDouble(8, max);
        insert.setBytes(9, SegmentCodec.encode(s.steps, s.values, s.times, from, to));
        insert.addBatch();
    }

    /** The latest values of this poll's runs, read in one query, then updated or inserted in two batches. */
    private static void advanceLatest(Connection db, Map<Long, Map<String, Series>> byRunAndKey) throws SQLException {
        record Latest(long step, long pointCount) {
        }
        Map<Long, Map<String, Latest>> known = new HashMap<>();
        List<Long> runs = List.copyOf(byRunAndKey.keySet());
        try (PreparedStatement q = db.prepareStatement("select run_id, metric_key, step, point_count from latest_value "
                + "where run_id in (" + String.join(",", Collections.nCopies(runs.size(), "?")) + ")")) {
            for (int i = 0; i < runs.size(); i++) {
                q.setLong(i + 1, runs.get(i));
            }
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    known.computeIfAbsent(rs.getLong(1), r -> new HashMap<>())
                            .put(rs.getString(2), new Latest(rs.getLong(3), rs.getLong(4)));
                }
            }
        }
        try (PreparedStatement update = db.prepareStatement(
                "update latest_value set step = ?, val = ?, point_count = ? where run_id = ? and metric_key = ?");
             PreparedStatement insert = db.prepareStatement(
                     "insert into latest_value (run_id, metric_key, step, val, point_count) values (?, ?, ?, ?, ?)")) {
            boolean updates = false;
            boolean inserts = false;
            for (Map.Entry<Long, Map<String, Series>> run : byRunAndKey.entrySet()) {
                for (Map.Entry<String, Series> e : run.getValue().entrySet()) {
                    Series s = e.getValue();
                    long step = s.steps[s.size - 1];
                    double value = s.values[s.size - 1];
                    Latest before = known.getOrDefault(run.getKey(), Map.of()).get(e.getKey());
                    if (before == null) {
                        insert.setLong(1, run.getKey());
                        insert.setString(2, e.getKey());
                        insert.setLong(3, step);
                        insert.setDouble(4, value);
                        insert.setLong(5, s.size);
                        insert.addBatch();
                        inserts = true;
                        continue;
                    }
                    if (step >= before.step()) {
                        update.setLong(1, step);
                        update.setDouble(2, value);
                        update.setLong(3, before.pointCount() + s.size);
                        update.setLong(4, run.getKey());
                        update.setString(5, e.getKey());
                        update.addBatch();
                    } else { // an older stretch arrived late: only the count grows
                        updateCount(db, run.getKey(), e.getKey(), before.pointCount() + s.size);
                    }
                    updates = true;
                }
            }
            if (updates) {
                update.executeBatch();
            }
            if (inserts) {
                insert.executeBatch();
            }
        }
    }

    private static void updateCount(Connection db, long runId, String key, long count) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(
                "update latest_value set point_count = ? where run_id = ? and metric_key = ?")) {
            q.setLong(1, count);
            q.setLong(2, runId);
            q.setString(3, key);
            q.executeUpdate();
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

        /** The step of the first non-finite value in the series' order (sort first), or -1 when all are finite. */
        long firstNonFiniteStep() {
            for (int i = 0; i < size; i++) {
                if (!Double.isFinite(values[i])) {
                    return steps[i];
                }
            }
            return -1;
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

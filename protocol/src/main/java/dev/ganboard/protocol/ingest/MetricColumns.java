package dev.ganboard.protocol.ingest;

import dev.ganboard.protocol.MetricBatch;
import dev.ganboard.protocol.MetricPoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A metric batch held column-wise: a table of the distinct keys, then per point the index of its key, its step,
 * value and time in primitive arrays (no object per point). The pair (runId, seq) identifies the batch.
 * A time of {@link #NO_TIME} means "when the server received the batch", see {@link #time(int)}.
 */
public final class MetricColumns {
    public static final long NO_TIME = Long.MIN_VALUE;

    private final long runId;
    private final long seq;
    private final long receivedAt;
    private final String[] keys;
    private final int size;
    private final int[] keyIndex;
    private final long[] steps;
    private final double[] values;
    private final long[] times;

    /** Takes the arrays as they are (not copied); only the first {@code size} entries count. */
    public MetricColumns(long runId, long seq, long receivedAt, String[] keys, int size, int[] keyIndex, long[] steps,
                         double[] values, long[] times) {
        this.runId = runId;
        this.seq = seq;
        this.receivedAt = receivedAt;
        this.keys = keys;
        this.size = size;
        this.keyIndex = keyIndex;
        this.steps = steps;
        this.values = values;
        this.times = times;
    }

    /** The same batch in columns (no checks: a null key, step or value fails here). */
    public static MetricColumns of(MetricBatch batch) {
        List<MetricPoint> points = batch.points();
        int n = points.size();
        Map<String, Integer> index = new HashMap<>();
        int[] keyIndex = new int[n];
        long[] steps = new long[n];
        double[] values = new double[n];
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            MetricPoint p = points.get(i);
            keyIndex[i] = index.computeIfAbsent(p.key(), k -> index.size());
            steps[i] = p.step();
            values[i] = p.value();
            times[i] = p.time() == null ? NO_TIME : p.time();
        }
        String[] keys = new String[index.size()];
        index.forEach((k, i) -> keys[i] = k);
        return new MetricColumns(batch.runId(), batch.seq(), batch.receivedAt(), keys, n, keyIndex, steps, values, times);
    }

    /** This batch as it travels for run {@code runId}, received at {@code receivedAt}. */
    public MetricColumns forRun(long runId, long receivedAt) {
        return new MetricColumns(runId, seq, receivedAt, keys, size, keyIndex, steps, values, times);
    }

    public long runId() {
        return runId;
    }

    public long seq() {
        return seq;
    }

    public long receivedAt() {
        return receivedAt;
    }

    public int keyCount() {
        return keys.length;
    }

    public String key(int keyIndex) {
        return keys[keyIndex];
    }

    public int size() {
        return size;
    }

    public int keyIndex(int point) {
        return keyIndex[point];
    }

    public long step(int point) {
        return steps[point];
    }

    public double value(int point) {
        return values[point];
    }

    /** The point's time, or {@link #NO_TIME} when it was sent without one. */
    public long rawTime(int point) {
        return times[point];
    }

    /** Epoch milliseconds: the point's own time, or when the server received the batch. */
    public long time(int point) {
        long t = times[point];
        return t == NO_TIME ? receivedAt : t;
    }
}

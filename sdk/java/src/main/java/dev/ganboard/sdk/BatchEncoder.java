package dev.ganboard.sdk;

import dev.ganboard.protocol.ingest.MetricColumns;
import dev.ganboard.protocol.ingest.MetricColumnsCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns queued points into request bodies of the ingest API in the binary column format
 * (application/x-ganboard-columns: a key table, then per point key index, step, value, time; run id and received-at
 * are left 0 for the server to fill in). These bytes are both the WAL record and what is sent, so a batch is encoded
 * once, and no double is ever printed as text. {@link #json} gives the JSON form of such a body for servers that
 * predate the binary format.
 */
final class BatchEncoder {
    /** Upper bound of one point's encoded size: key index, step delta and time delta varints, the 8-byte value. */
    private static final int MAX_POINT_BYTES = 5 + 10 + 8 + 10;

    record Batch(long seq, int points, byte[] body) {
    }

    interface SeqSource {
        long next();
    }

    private final int maxPoints;
    private final int maxBytes;

    BatchEncoder(int maxPoints, int maxBytes) {
        this.maxPoints = maxPoints;
        this.maxBytes = maxBytes;
    }

    List<Batch> encode(List<PointQueue.Entry> entries, SeqSource seqs) {
        List<Batch> out = new ArrayList<>();
        Columns batch = null;
        for (PointQueue.Entry e : entries) {
            for (int i = 0; i < e.size(); i++) {
                if (batch == null) {
                    batch = new Columns(seqs.next(), maxPoints);
                }
                batch.add(e.keys()[i], e.step(), e.values()[i], e.time());
                if (batch.size >= maxPoints || batch.bytes >= maxBytes) {
                    out.add(batch.close());
                    batch = null;
                }
            }
        }
        if (batch != null) {
            out.add(batch.close());
        }
        return out;
    }

    /** The same batch as a JSON request body {"seq":n,"points":[{"key","step","value","time"}...]}. */
    static byte[] json(byte[] columnsBody) {
        MetricColumns c = MetricColumnsCodec.decode(columnsBody, Integer.MAX_VALUE);
        StringBuilder sb = new StringBuilder(64 + c.size() * 64);
        sb.append("{\"seq\":").append(c.seq()).append(",\"points\":[");
        for (int i = 0; i < c.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            // keys were validated to plain ASCII without quotes or backslashes: no escaping needed
            sb.append("{\"key\":\"").append(c.key(c.keyIndex(i))).append("\",\"step\":").append(c.step(i))
                    .append(",\"value\":").append(c.value(i));
            if (c.rawTime(i) != MetricColumns.NO_TIME) {
                sb.append(",\"time\":").append(c.rawTime(i));
            }
            sb.append('}');
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** One batch being filled, in growable primitive columns with its own key table. */
    private static final class Columns {
        final long seq;
        final int limit;
        final Map<String, Integer> keyIds = new HashMap<>();
        final List<String> keys = new ArrayList<>();
        int[] keyIndex;
        long[] steps;
        double[] values;
        long[] times;
        int size;
        long bytes = 64;

        Columns(long seq, int limit) {
            this.seq = seq;
            this.limit = limit;
            int initial = Math.min(limit, 1024);
            keyIndex = new int[initial];
            steps = new long[initial];
            values = new double[initial];
            times = new long[initial];
        }

        void add(String key, long step, double value, long time) {
            if (size == steps.length) {
                int n = (int) Math.min(limit, 2L * size);
                keyIndex = Arrays.copyOf(keyIndex, n);
                steps = Arrays.copyOf(steps, n);
                values = Arrays.copyOf(values, n);
                times = Arrays.copyOf(times, n);
            }
            keyIndex[size] = keyId(key);
            steps[size] = step;
            values[size] = value;
            times[size] = time;
            size++;
            bytes += MAX_POINT_BYTES;
        }

        private int keyId(String key) {
            Integer id = keyIds.get(key);
            if (id == null) {
                id = keys.size();
                keyIds.put(key, id);
                keys.add(key);
                bytes += 5 + 4L * key.length();
            }
            return id;
        }

        Batch close() {
            MetricColumns c = new MetricColumns(0, seq, 0, keys.toArray(String[]::new), size, keyIndex, steps, values,
                    times);
            return new Batch(seq, size, MetricColumnsCodec.encode(c));
        }
    }
}

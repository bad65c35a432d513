package dev.ganboard.protocol.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The binary form of a {@link MetricColumns} batch on the metrics topic, written by the ingest endpoint and read by
 * the consumer without any JSON work:
 *
 * <pre>
 * magic "\0GM", version 1
 * run id, seq, received-at         3 × 8 bytes, big-endian
 * key count (varint), per key: UTF-8 length (varint) + bytes
 * point count (varint), per point: key index (varint), step delta (zig-zag varint),
 *                                  value (8 bytes, IEEE 754), time delta (zig-zag varint; NO_TIME = Long.MIN_VALUE)
 * </pre>
 * A typical point (one of ~10 keys, step +0/+1, same time as the previous) takes 11 bytes, a fifth of its JSON.
 * JSON records never start with a zero byte, so the consumer tells the two apart by the first byte.
 *
 * <p>The same format is the binary request body of the ingest API (content type application/x-ganboard-columns,
 * docs/api.md): clients send 0 as run id and received-at, and the server {@link #stamp stamps} them in.
 */
public final class MetricColumnsCodec {
    private static final byte[] MAGIC = {0, 'G', 'M'};
    private static final byte VERSION = 1;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private MetricColumnsCodec() {
    }

    /** Whether the record is in this format (by its magic bytes), as opposed to JSON. */
    public static boolean isBinary(byte[] record) {
        return record.length >= 3 && record[0] == MAGIC[0] && record[1] == MAGIC[1] && record[2] == MAGIC[2];
    }

    public static byte[] encode(MetricColumns c) {
        byte[][] keys = new byte[c.keyCount()][];
        int keyBytes = 0;
        for (int k = 0; k < keys.length; k++) {
            keys[k] = c.key(k).getBytes(StandardCharsets.UTF_8);
            keyBytes += keys[k].length + 5;
        }
        byte[] out = new byte[4 + 24 + 5 + keyBytes + 5 + c.size() * (5 + 10 + 8 + 10)];
        System.arraycopy(MAGIC, 0, out, 0, 3);
        out[3] = VERSION;
        LONG.set(out, 4, c.runId());
        LONG.set(out, 12, c.seq());
        LONG.set(out, 20, c.receivedAt());
        int pos = writeVar(out, 28, keys.length);
        for (byte[] key : keys) {
            pos = writeVar(out, pos, key.length);
            System.arraycopy(key, 0, out, pos, key.length);
            pos += key.length;
        }
        pos = writeVar(out, pos, c.size());
        long step = 0;
        long time = 0;
        for (int i = 0; i < c.size(); i++) {
            pos = writeVar(out, pos, c.keyIndex(i));
            pos = writeVar(out, pos, zigZag(c.step(i) - step));
            LONG.set(out, pos, Double.doubleToRawLongBits(c.value(i)));
            pos += 8;
            pos = writeVar(out, pos, zigZag(c.rawTime(i) - time));
            step = c.step(i);
            time = c.rawTime(i);
        }
        return java.util.Arrays.copyOf(out, pos);
    }

    /**
     * Writes run id and received-at into a record's header, in place, and returns it: a client's request body in
     * this format carries placeholders there (the URL names the run, the server's clock gives the time), so the
     * checked body becomes the Kafka record without being encoded again.
     */
    public static byte[] stamp(byte[] record, long runId, long receivedAt) {
        if (!isBinary(record) || record.length < 28) {
            throw new InvalidBatchException(null, "not a binary metric batch (bad magic bytes or truncated header)");
        }
        LONG.set(record, 4, runId);
        LONG.set(record, 20, receivedAt);
        return record;
    }

    /**
     * Reads a record; structural damage (truncated, wrong version, key index out of range, more points than
     * {@code maxPoints}) is an {@link InvalidBatchException}. The content rules are {@link MetricBatchRules}'.
     */
    public static MetricColumns decode(byte[] in, int maxPoints) {
        if (!isBinary(in)) {
            throw new InvalidBatchException(null, "not a binary metric batch (bad magic bytes)");
        }
        if (in.length < 28) {
            throw new InvalidBatchException(null, "binary metric batch truncated in its header");
        }
        if (in[3] != VERSION) {
            throw new InvalidBatchException(null, "binary metric batch of unknown version " + in[3]);
        }
        try {
            long runId = (long) LONG.get(in, 4);
            long seq = (long) LONG.get(in, 12);
            long receivedAt = (long) LONG.get(in, 20);
            Cursor cur = new Cursor(in, 28);
            int keyCount = cur.count("key count", maxPoints);
            String[] keys = new String[keyCount];
            for (int k = 0; k < keyCount; k++) {
                int len = cur.count("key length", 4 * MetricBatchRules.MAX_KEY_LENGTH);
                if (cur.pos + len > in.length) {
                    throw new ArrayIndexOutOfBoundsException();
                }
                keys[k] = new String(in, cur.pos, len, StandardCharsets.UTF_8);
                cur.pos += len;
            }
            int n = cur.count("point count", maxPoints);
            if (n > (in.length - cur.pos) / 11) {
                throw new InvalidBatchException("points", "binary metric batch claims " + n
                        + " points but has bytes for fewer");
            }
            int[] keyIndex = new int[n];
            long[] steps = new long[n];
            double[] values = new double[n];
            long[] times = new long[n];
            long step = 0;
            long time = 0;
            for (int i = 0; i < n; i++) {
                long k = cur.var();
                if (k < 0 || k >= keyCount) {
                    throw new InvalidBatchException("points[" + i + "].key", "points[" + i + "].key: index " + k
                            + " outside the key table of " + keyCount);
                }
                keyIndex[i] = (int) k;
                step += unZigZag(cur.var());
                steps[i] = step;
                values[i] = Double.longBitsToDouble((long) LONG.get(in, cur.pos));
                cur.pos += 8;
                time += unZigZag(cur.var());
                times[i] = time;
            }
            if (cur.pos != in.length) {
                throw new InvalidBatchException(null, "binary metric batch has " + (in.length - cur.pos)
                        + " bytes after its last point");
            }
            return new MetricColumns(runId, seq, receivedAt, keys, n, keyIndex, steps, values, times);
        } catch (IndexOutOfBoundsException e) {
            throw new InvalidBatchException(null, "binary metric batch truncated");
        }
    }

    private static final class Cursor {
        final byte[] in;
        int pos;

        Cursor(byte[] in, int pos) {
            this.in = in;
            this.pos = pos;
        }

        long var() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = in[pos++];
                result |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return result;
                }
            }
            throw new InvalidBatchException(null, "binary metric batch has a corrupt varint");
        }

        int count(String what, int max) {
            long v = var();
            if (v < 0 || v > max) {
                throw new InvalidBatchException(null, "binary metric batch: " + what + " " + v + " outside 0.." + max);
            }
            return (int) v;
        }
    }

    private static int writeVar(byte[] out, int pos, long v) {
        while ((v & ~0x7FL) != 0) {
            out[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[pos++] = (byte) v;
        return pos;
    }

    private static long zigZag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unZigZag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}

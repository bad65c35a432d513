package dev.ganboard.backend.metric;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Packs points sorted by step into bytes: a version byte, the count, then per point the step delta and time delta
 * as zig-zag varints and the value as 8 raw bytes (doubles compress poorly and must round-trip exactly).
 * A typical point (step +1, time +few ms) takes about 10-11 bytes.
 */
public final class SegmentCodec {
    private static final byte VERSION = 1;
    private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.BIG_ENDIAN);

    private SegmentCodec() {
    }

    public static byte[] encode(List<SeriesPoint> points) {
        int n = points.size();
        long[] steps = new long[n];
        double[] values = new double[n];
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            SeriesPoint p = points.get(i);
            steps[i] = p.step();
            values[i] = p.value();
            times[i] = p.time();
        }
        return encode(steps, values, times, 0, n);
    }

    /** Encodes points [from, to) of the columns, written straight into one array (no stream, no object per point). */
    public static byte[] encode(long[] steps, double[] values, long[] times, int from, int to) {
        int n = to - from;
        byte[] out = new byte[1 + 5 + n * (10 + 10 + 8)];
        out[0] = VERSION;
        int pos = writeVarLong(out, 1, n);
        long previousStep = 0;
        long previousTime = 0;
        for (int i = from; i < to; i++) {
            pos = writeVarLong(out, pos, zigZag(steps[i] - previousStep));
            pos = writeVarLong(out, pos, zigZag(times[i] - previousTime));
            DOUBLE.set(out, pos, values[i]);
            pos += 8;
            previousStep = steps[i];
            previousTime = times[i];
        }
        return Arrays.copyOf(out, pos);
    }

    public static List<SeriesPoint> decode(byte[] payload) {
        List<SeriesPoint> points = new ArrayList<>(count(payload));
        forEach(payload, (step, value, time) -> points.add(new SeriesPoint(step, value, time)));
        return points;
    }

    /** Receives decoded points one by one, so long series can be aggregated without materialising them. */
    @FunctionalInterface
    public interface PointVisitor {
        void accept(long step, double value, long time);
    }

    public static int count(byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        checkVersion(in.get());
        return (int) readVarLong(in);
    }

    public static void forEach(byte[] payload, PointVisitor visitor) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        checkVersion(in.get());
        int count = (int) readVarLong(in);
        long step = 0;
        long time = 0;
        for (int i = 0; i < count; i++) {
            step += unZigZag(readVarLong(in));
            time += unZigZag(readVarLong(in));
            visitor.accept(step, in.getDouble(), time);
        }
    }

    private static void checkVersion(byte version) {
        if (version != VERSION) {
            throw new IllegalStateException("unknown metric segment version " + version);
        }
    }

    private static long zigZag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unZigZag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static int writeVarLong(byte[] out, int pos, long v) {
        while ((v & ~0x7FL) != 0) {
            out[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[pos++] = (byte) v;
        return pos;
    }

    private static long readVarLong(ByteBuffer in) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalStateException("corrupt varint in metric segment");
    }
}

package dev.ganboard.backend.metric;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs points sorted by step into bytes: a version byte, the count, then per point the step delta and time delta
 * as zig-zag varints and the value as 8 raw bytes (doubles compress poorly and must round-trip exactly).
 * A typical point (step +1, time +few ms) takes about 10-11 bytes.
 */
public final class SegmentCodec {
    private static final byte VERSION = 1;

    private SegmentCodec() {
    }

    public static byte[] encode(List<SeriesPoint> points) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(points.size() * 11 + 8);
        out.write(VERSION);
        writeVarLong(out, points.size());
        long previousStep = 0;
        long previousTime = 0;
        byte[] valueBytes = new byte[8];
        ByteBuffer value = ByteBuffer.wrap(valueBytes);
        for (SeriesPoint p : points) {
            writeVarLong(out, zigZag(p.step() - previousStep));
            writeVarLong(out, zigZag(p.time() - previousTime));
            value.putDouble(0, p.value());
            out.write(valueBytes, 0, 8);
            previousStep = p.step();
            previousTime = p.time();
        }
        return out.toByteArray();
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

    private static void writeVarLong(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
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

package dev.ganboard.sdk;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Writes NumPy .npy arrays (format 1.0, little-endian, C order): float32 samples and int64 labels. */
final class Npy {
    private Npy() {
    }

    static void writeFloat32(OutputStream out, float[] data, int[] shape) throws IOException {
        check(data.length, shape);
        header(out, "<f4", shape);
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) {
            if (!buf.hasRemaining()) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            buf.putFloat(v);
        }
        out.write(buf.array(), 0, buf.position());
    }

    static void writeInt64(OutputStream out, int[] data) throws IOException {
        header(out, "<i8", new int[]{data.length});
        ByteBuffer buf = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : data) {
            buf.putLong(v);
        }
        out.write(buf.array());
    }

    private static void check(int length, int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got " + length);
        }
    }

    private static void header(OutputStream out, String descr, int[] shape) throws IOException {
        String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        if (shape.length == 1) {
            dims += ",";
        }
        StringBuilder h = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }");
        int total = 10 + h.length() + 1;
        h.append(" ".repeat((64 - total % 64) % 64)).append('\n');
        out.write(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        int len = h.length();
        out.write(new byte[]{(byte) (len & 0xff), (byte) (len >> 8)});
        out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
    }
}

package dev.ganboard.metrics.io;

import dev.ganboard.metrics.core.InvalidInputException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A small .npy array of any rank held in memory as float64 (for statistics files such as FID's mu/sigma). */
public record NpyArray(long[] shape, NpyDtype dtype, double[] data) {

    public static NpyArray of(double[] data, long... shape) {
        return new NpyArray(shape, NpyDtype.FLOAT64, data);
    }

    /** Parses a complete .npy file held in {@code bytes}. */
    public static NpyArray parse(byte[] bytes, String name) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        NpyHeader h = NpyHeader.parse(buf.duplicate(), bytes.length, name);
        long count = 1;
        for (long d : h.shape()) {
            count = Math.multiplyExact(count, d);
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException(name + ": array of " + count + " values is too large");
        }
        double[] data = new double[(int) count];
        buf.position((int) h.dataOffset());
        if (h.dtype() == NpyDtype.FLOAT32) {
            var fb = buf.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            for (int i = 0; i < data.length; i++) {
                data[i] = fb.get(i);
            }
        } else {
            buf.slice().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(data);
        }
        return new NpyArray(h.shape(), h.dtype(), data);
    }

    public int rank() {
        return shape.length;
    }
}

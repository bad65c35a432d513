package dev.ganboard.metrics.io;

import dev.ganboard.metrics.core.InvalidInputException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A small .npy array of any rank and any supported dtype held in memory as float64 (statistics files such as FID's
 * mu/sigma, labels, small image sets); {@link #dtype()} says what the file held.
 */
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
        ByteBuffer body = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (h.dtype() == NpyDtype.FLOAT32) {
            var fb = body.asFloatBuffer();
            for (int i = 0; i < data.length; i++) {
                data[i] = fb.get(i);
            }
        } else if (h.dtype() == NpyDtype.FLOAT64) {
            body.asDoubleBuffer().get(data);
        } else {
            for (int i = 0; i < data.length; i++) {
                data[i] = h.dtype().get(body, i);
            }
        }
        return new NpyArray(h.shape(), h.dtype(), data);
    }

    public int rank() {
        return shape.length;
    }
}

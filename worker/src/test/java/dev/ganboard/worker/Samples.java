package dev.ganboard.worker;

import dev.ganboard.metrics.io.NpyDtype;
import dev.ganboard.metrics.io.NpyWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/** Generated 2-D samples as .npy bytes, for tests. */
public final class Samples {
    private Samples() {
    }

    /** n points of a ring of 8 Gaussians (sigma 0.01) on the given modes only. */
    public static double[] ring8(int n, long seed, int... modes) {
        Random rng = new Random(seed);
        double[] x = new double[2 * n];
        for (int i = 0; i < n; i++) {
            int m = modes.length == 0 ? rng.nextInt(8) : modes[rng.nextInt(modes.length)];
            double a = 2 * Math.PI * m / 8;
            x[2 * i] = Math.cos(a) + 0.01 * rng.nextGaussian();
            x[2 * i + 1] = Math.sin(a) + 0.01 * rng.nextGaussian();
        }
        return x;
    }

    public static byte[] npy(double[] data, int cols, NpyDtype dtype) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            NpyWriter.write(out, data, new long[] {data.length / cols, cols}, dtype);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

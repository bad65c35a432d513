package dev.ganboard.app.pipeline;

import dev.ganboard.metrics.io.NpyDtype;
import dev.ganboard.metrics.io.NpyWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/** Generated ring8 samples (8 Gaussians on the unit circle, sigma 0.01) as .npy bytes. */
public final class Ring8 {
    private Ring8() {
    }

    /** n points on the given modes (all 8 when none are given). */
    public static double[] points(int n, long seed, int... modes) {
        Random rng = new Random(seed);
        double[] x = new double[2 * n];
        for (int i = 0; i < n; i++) {
            int m = modes.length == 0 ? rng.nextInt(8) : modes[rng.nextInt(modes.length)];
            x[2 * i] = Math.cos(2 * Math.PI * m / 8) + 0.01 * rng.nextGaussian();
            x[2 * i + 1] = Math.sin(2 * Math.PI * m / 8) + 0.01 * rng.nextGaussian();
        }
        return x;
    }

    public static byte[] npy(double[] points, NpyDtype dtype) {
        return npy(points, 2, dtype);
    }

    static byte[] npy(double[] values, int cols, NpyDtype dtype) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            NpyWriter.write(out, values, new long[] {values.length / cols, cols}, dtype);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

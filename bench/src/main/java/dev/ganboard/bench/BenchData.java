package dev.ganboard.bench;

import dev.ganboard.metrics.core.SplitMix64;
import dev.ganboard.metrics.io.NpyWriter;
import dev.ganboard.metrics.linalg.Linalg;
import dev.ganboard.metrics.linalg.NativeMatrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Synthetic Inception-like features for the benchmark, generated once per (n, dim, seed) into a cache folder:
 * x = relu(z W + b) + 0.05 e with z ~ N(0, I_256), so features are non-negative, correlated and full rank like
 * pool3 activations. The fake set uses a perturbed map and a scaled, shifted latent, giving a FID in the
 * hundreds (a realistic, mediocre generator).
 */
final class BenchData {
    static final int LATENT = 256;

    record Pair(Path real, Path fake, boolean generated) {
    }

    private BenchData() {
    }

    static Pair ensure(Path cacheDir, int n, int dim, long seed) throws IOException {
        Path dir = cacheDir.resolve("fid-n" + n + "-d" + dim + "-s" + seed);
        Path real = dir.resolve("real.npy");
        Path fake = dir.resolve("fake.npy");
        if (Files.isRegularFile(real) && Files.isRegularFile(fake)) {
            return new Pair(real, fake, false);
        }
        Files.createDirectories(dir);
        SplitMix64 rng = new SplitMix64(seed);
        double[] w = gaussian(rng, LATENT * dim, 1.0 / Math.sqrt(LATENT));
        double[] b = gaussian(rng, dim, 0.1);
        double[] wFake = w.clone();
        double[] perturb = gaussian(rng, LATENT * dim, 0.3 / Math.sqrt(LATENT));
        for (int i = 0; i < wFake.length; i++) {
            wFake[i] += perturb[i];
        }
        write(real, features(rng, n, dim, w, b, 1.0, 0.0), n, dim);
        write(fake, features(rng, n, dim, wFake, b, 0.9, 0.1), n, dim);
        return new Pair(real, fake, true);
    }

    private static float[] features(SplitMix64 rng, int n, int dim, double[] w, double[] b, double scale,
                                    double shift) {
        double[] z = gaussian(rng, n * LATENT, scale);
        for (int i = 0; i < z.length; i++) {
            z[i] += shift;
        }
        double[] x;
        // column-major views: z^T is LATENT x n, w^T is dim x LATENT, so x^T = w^T z^T is dim x n (row-major x)
        try (NativeMatrix zt = NativeMatrix.of(z, LATENT, n);
             NativeMatrix wt = NativeMatrix.of(w, dim, LATENT);
             NativeMatrix xt = NativeMatrix.allocate(dim, n)) {
            Linalg.gemm(false, false, 1.0, wt, zt, 0.0, xt);
            x = xt.toArray();
        }
        float[] out = new float[x.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                double v = Math.max(0.0, x[i * dim + j] + b[j]) + 0.05 * rng.nextGaussian();
                out[i * dim + j] = (float) v;
            }
        }
        return out;
    }

    private static double[] gaussian(SplitMix64 rng, int count, double scale) {
        double[] g = new double[count];
        for (int i = 0; i < count; i++) {
            g[i] = scale * rng.nextGaussian();
        }
        return g;
    }

    private static void write(Path path, float[] data, int n, int dim) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        NpyWriter.write(tmp, data, new long[] {n, dim});
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

package dev.ganboard.metrics.modes;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.metrics.core.SplitMix64;

import java.util.Locale;
import java.util.random.RandomGenerator;

/** The 2-D Gaussian mixtures of the mode-collapse literature (e.g. VEEGAN, PacGAN, Unrolled GAN). */
public enum Mixture {
    /** 8 Gaussians at angles 2 pi i / 8 on the unit circle, sigma = 0.01. */
    RING8(ring(8, 1.0), 0.01),
    /** 25 Gaussians at {-4, -2, 0, 2, 4}^2, sigma = 0.05. */
    GRID25(grid(new double[] {-4, -2, 0, 2, 4}), 0.05);

    /** Seed of the reference sample (the real side of every evaluation on a mixture, and the demo's summaries). */
    public static final long REFERENCE_SEED = 20_180_101L;

    private final double[][] modes;
    private final double sigma;

    Mixture(double[][] modes, double sigma) {
        this.modes = modes;
        this.sigma = sigma;
    }

    /** Mode centres, [K][2]; mode i of ring8 is (cos(2 pi i / 8), sin(2 pi i / 8)), grid25 is row-major in x, y. */
    public double[][] modes() {
        double[][] copy = new double[modes.length][];
        for (int i = 0; i < modes.length; i++) {
            copy[i] = modes[i].clone();
        }
        return copy;
    }

    public int size() {
        return modes.length;
    }

    public double sigma() {
        return sigma;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Mixture parse(String id) {
        for (Mixture m : values()) {
            if (m.id().equalsIgnoreCase(id)) {
                return m;
            }
        }
        throw new InvalidInputException("unknown mixture '" + id + "' (known: ring8, grid25)");
    }

    /**
     * n points, row-major [n, 2]: per point a mode drawn uniformly ({@code rng.nextInt(K)}), then centre + sigma *
     * N(0, 1) per coordinate ({@code rng.nextGaussian()}, x before y). The one sampling rule of the project: training
     * batches, the evaluation's reference sample and the demo's summaries all draw through it.
     */
    public double[] sample(RandomGenerator rng, int n) {
        double[] data = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double[] c = modes[rng.nextInt(modes.length)];
            data[2 * i] = c[0] + sigma * rng.nextGaussian();
            data[2 * i + 1] = c[1] + sigma * rng.nextGaussian();
        }
        return data;
    }

    /**
     * The reference sample of n points: {@link #sample} from SplitMix64({@link #REFERENCE_SEED}), so a reference of n
     * points is the first n of every larger one.
     */
    public DenseMatrix referenceSample(int n) {
        return new DenseMatrix(id() + " reference", n, 2, sample(new SplitMix64(REFERENCE_SEED), n));
    }

    double[] mode(int i) {
        return modes[i];
    }

    private static double[][] ring(int k, double radius) {
        double[][] m = new double[k][];
        for (int i = 0; i < k; i++) {
            double a = 2 * Math.PI * i / k;
            m[i] = new double[] {radius * Math.cos(a), radius * Math.sin(a)};
        }
        return m;
    }

    private static double[][] grid(double[] axis) {
        double[][] m = new double[axis.length * axis.length][];
        int t = 0;
        for (double x : axis) {
            for (double y : axis) {
                m[t++] = new double[] {x, y};
            }
        }
        return m;
    }
}

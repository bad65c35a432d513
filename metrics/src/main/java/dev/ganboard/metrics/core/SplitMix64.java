package dev.ganboard.metrics.core;

import java.util.random.RandomGenerator;

/**
 * The seeded generator behind every random choice in the metrics (IS shuffles, KID subsets, bootstraps).
 * SplitMix64 (Steele, Lea and Flood 2014) is spelled out here rather than taken from the JDK so that a seed
 * gives the same numbers on every Java version, forever: stored evaluations must stay reproducible. Its own
 * nextDouble, nextInt(bound) and nextGaussian replace the JDK's defaults, so code written for any
 * {@link RandomGenerator} draws the same numbers from it.
 */
public final class SplitMix64 implements RandomGenerator {
    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    @Override
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform integer in [0, bound), without modulo bias (Lemire's multiply-and-reject). */
    @Override
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long m = ((nextLong() >>> 32) * bound);
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                m = ((nextLong() >>> 32) * bound);
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** A standard normal deviate (Box-Muller; used for benchmark data, not by any metric). */
    @Override
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble();
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** 0..n-1 in a uniformly random order (Fisher-Yates). */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** {@code k} distinct indices from 0..n-1, uniformly at random (partial Fisher-Yates), in draw order. */
    public int[] sampleWithoutReplacement(int n, int k) {
        if (k > n) {
            throw new IllegalArgumentException("cannot draw " + k + " of " + n + " without replacement");
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + nextInt(n - i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return java.util.Arrays.copyOf(p, k);
    }
}

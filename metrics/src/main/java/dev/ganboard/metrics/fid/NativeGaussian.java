package dev.ganboard.metrics.fid;

import dev.ganboard.metrics.linalg.Linalg;
import dev.ganboard.metrics.linalg.NativeMatrix;

/**
 * Mean and covariance with the covariance left in native memory, lower triangle only: what FID needs from
 * features, without copying 2 x D^2 values to the Java heap and back. {@link #toStats()} gives the plain form.
 */
public final class NativeGaussian implements AutoCloseable {
    private final String name;
    private final double[] mean;
    private final NativeMatrix covariance;
    private final int n;

    NativeGaussian(String name, double[] mean, NativeMatrix covariance, int n) {
        this.name = name;
        this.mean = mean;
        this.covariance = covariance;
        this.n = n;
    }

    public String name() {
        return name;
    }

    public double[] mean() {
        return mean;
    }

    /** Lower triangle valid; the strict upper triangle is undefined. */
    public NativeMatrix covariance() {
        return covariance;
    }

    public int n() {
        return n;
    }

    public int dim() {
        return mean.length;
    }

    public double trace() {
        return covariance.trace();
    }

    public GaussianStats toStats() {
        return new GaussianStats(name, mean, Linalg.lowerToFull(covariance), n, dim());
    }

    @Override
    public void close() {
        covariance.close();
    }
}

package dev.ganboard.metrics.fid;

import dev.ganboard.metrics.core.InvalidInputException;

/**
 * The Gaussian summary FID compares: the mean and the covariance (float64, full symmetric D x D, row-major =
 * column-major) of N samples. {@code n} is -1 when unknown (statistics files that do not record it).
 */
public record GaussianStats(String name, double[] mean, double[] covariance, int n, int dim) {

    public GaussianStats {
        if (mean.length != dim) {
            throw new InvalidInputException(name + ": mean has " + mean.length + " values, expected " + dim);
        }
        if ((long) dim * dim != covariance.length) {
            throw new InvalidInputException(name + ": covariance has " + covariance.length + " values, expected "
                    + dim + " x " + dim);
        }
    }

    /** Checks what a statistics file could get wrong: NaN/Inf, asymmetry, a negative variance. */
    public GaussianStats validated() {
        for (int i = 0; i < dim; i++) {
            if (!Double.isFinite(mean[i])) {
                throw new InvalidInputException(name + ": mean[" + i + "] is " + mean[i]);
            }
        }
        double scale = 0;
        for (int i = 0; i < dim; i++) {
            double v = covariance[i * dim + i];
            if (!Double.isFinite(v)) {
                throw new InvalidInputException(name + ": covariance[" + i + ", " + i + "] is " + v);
            }
            if (v < 0) {
                throw new InvalidInputException(name + ": covariance[" + i + ", " + i + "] is negative (" + v
                        + "): not a covariance matrix");
            }
            scale = Math.max(scale, v);
        }
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < i; j++) {
                double a = covariance[i * dim + j];
                double b = covariance[j * dim + i];
                if (!Double.isFinite(a) || !Double.isFinite(b)) {
                    throw new InvalidInputException(name + ": covariance[" + i + ", " + j + "] is not finite");
                }
                if (Math.abs(a - b) > 1e-9 * Math.max(scale, Double.MIN_NORMAL)) {
                    throw new InvalidInputException(name + ": covariance is not symmetric at [" + i + ", " + j
                            + "]: " + a + " vs " + b);
                }
            }
        }
        return this;
    }

    public double trace() {
        double t = 0;
        for (int i = 0; i < dim; i++) {
            t += covariance[i * dim + i];
        }
        return t;
    }
}

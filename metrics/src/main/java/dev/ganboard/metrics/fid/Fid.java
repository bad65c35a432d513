package dev.ganboard.metrics.fid;

import dev.ganboard.metrics.core.FeatureSource;
import dev.ganboard.metrics.core.Inputs;
import dev.ganboard.metrics.core.InvalidInputException;
import dev.ganboard.metrics.core.TwoSampleMetric;

import java.util.ArrayList;
import java.util.List;

/**
 * Fréchet Inception Distance (Heusel et al. 2017) between Gaussians fitted to real and generated features.
 * Convention: {@link FeatureStatistics} (float64, N-1) and {@link TraceSqrtProduct} (symmetric eigenvalues).
 */
public final class Fid implements TwoSampleMetric<FidResult> {

    /** Below this, a negative eigenvalue of the symmetric product is more than rounding: flag the input. */
    static final double NEGATIVE_EIGENVALUE_TOLERANCE = -1e-9;

    @Override
    public FidResult compute(FeatureSource real, FeatureSource fake) {
        Inputs.requireSameDim(real, fake);
        try (BlockBuffers buffers = new BlockBuffers();
             NativeGaussian r = FeatureStatistics.accumulate(real, buffers);
             NativeGaussian f = FeatureStatistics.accumulate(fake, buffers)) {
            buffers.close();
            return between(r, f);
        }
    }

    /** FID from statistics whose covariances are native (lower triangles); both covariances are overwritten. */
    public static FidResult between(NativeGaussian real, NativeGaussian fake) {
        requireSameDim(real.name(), real.dim(), fake.name(), fake.dim());
        double meanTerm = meanTerm(real.mean(), fake.mean());
        double trR = real.trace();
        double trF = fake.trace();
        TraceSqrtProduct.Result tr = TraceSqrtProduct.computeInPlace(real.covariance(), fake.covariance(), "real",
                "fake");
        return assemble(meanTerm, trR, trF, tr, real.n(), fake.n(), real.dim());
    }

    /** FID from stored statistics (e.g. a pytorch-fid .npz with mu and sigma). */
    public static FidResult between(GaussianStats real, GaussianStats fake) {
        requireSameDim(real.name(), real.dim(), fake.name(), fake.dim());
        int d = real.dim();
        TraceSqrtProduct.Result tr = TraceSqrtProduct.compute(real.covariance(), fake.covariance(), d, "real", "fake");
        return assemble(meanTerm(real.mean(), fake.mean()), real.trace(), fake.trace(), tr, real.n(), fake.n(), d);
    }

    private static void requireSameDim(String nameA, int dimA, String nameB, int dimB) {
        if (dimA != dimB) {
            throw new InvalidInputException("dimension mismatch: " + nameA + " has dim " + dimA + ", " + nameB
                    + " has dim " + dimB);
        }
        if (dimA == 0) {
            throw new InvalidInputException(nameA + ": statistics of dimension 0");
        }
    }

    private static double meanTerm(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double diff = a[i] - b[i];
            sum += diff * diff;
        }
        return sum;
    }

    private static FidResult assemble(double meanTerm, double trR, double trF, TraceSqrtProduct.Result tr, int nReal,
                                      int nFake, int d) {
        double raw = meanTerm + trR + trF - 2.0 * tr.value();
        // FID >= 0 exactly; a tiny negative value is rounding of equal statistics.
        double fid = Math.max(0.0, raw);

        List<String> warnings = new ArrayList<>();
        boolean realDeficient = rankWarning(warnings, "real", nReal, d);
        boolean fakeDeficient = rankWarning(warnings, "fake", nFake, d);
        for (String side : tr.singular()) {
            if ((side.equals("real") && !realDeficient) || (side.equals("fake") && !fakeDeficient)) {
                warnings.add("the covariance of " + side + " is singular (constant or linearly dependent features, "
                        + "e.g. a collapsed generator): the FID is finite but not comparable with full-rank values");
            }
        }
        if (tr.method().equals("eigh")) {
            warnings.add("neither covariance is positive definite: the trace term used the eigen-decomposition of "
                    + "the real covariance with eigenvalues clamped at 0");
        }
        if (tr.minEigenvalueRatio() < NEGATIVE_EIGENVALUE_TOLERANCE) {
            warnings.add("the covariance product has negative eigenvalues down to " + tr.minEigenvalueRatio()
                    + " of the largest (clamped to 0): are both covariances positive semi-definite?");
        }
        return new FidResult(fid, meanTerm, trR, trF, tr.value(), nReal, nFake, d, tr.method(),
                tr.minEigenvalueRatio(), List.copyOf(warnings));
    }

    private static boolean rankWarning(List<String> warnings, String side, int n, int dim) {
        if (n >= 0 && n <= dim) {
            warnings.add("n_" + side + " = " + n + " <= dim = " + dim + ": the covariance of " + side
                    + " has rank at most " + (n - 1) + ", so the FID is biased upward; use N > dim "
                    + "(pytorch-fid recommends N >= 2048 for Inception features)");
            return true;
        }
        return false;
    }
}

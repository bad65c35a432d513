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
        // both means first: they need no native code, so they overlap with a background library load
        double[] meanReal = FeatureStatistics.mean(real);
        double[] meanFake = FeatureStatistics.mean(fake);
        GaussianStats r = FeatureStatistics.compute(real, meanReal);
        GaussianStats f = FeatureStatistics.compute(fake, meanFake);
        return between(r, f);
    }

    /** FID from stored statistics (e.g. a pytorch-fid .npz with mu and sigma). */
    public static FidResult between(GaussianStats real, GaussianStats fake) {
        if (real.dim() != fake.dim()) {
            throw new InvalidInputException("dimension mismatch: " + real.name() + " has dim " + real.dim() + ", "
                    + fake.name() + " has dim " + fake.dim());
        }
        int d = real.dim();
        if (d == 0) {
            throw new InvalidInputException(real.name() + ": statistics of dimension 0");
        }
        double meanTerm = 0;
        for (int i = 0; i < d; i++) {
            double diff = real.mean()[i] - fake.mean()[i];
            meanTerm += diff * diff;
        }
        double trR = real.trace();
        double trF = fake.trace();
        TraceSqrtProduct.Result tr = TraceSqrtProduct.compute(real.covariance(), fake.covariance(), d, "real", "fake");
        double raw = meanTerm + trR + trF - 2.0 * tr.value();
        // FID >= 0 exactly; a tiny negative value is rounding of equal statistics.
        double fid = Math.max(0.0, raw);

        List<String> warnings = new ArrayList<>();
        boolean realDeficient = rankWarning(warnings, "real", real);
        boolean fakeDeficient = rankWarning(warnings, "fake", fake);
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
        return new FidResult(fid, meanTerm, trR, trF, tr.value(), real.n(), fake.n(), d, tr.method(),
                tr.minEigenvalueRatio(), List.copyOf(warnings));
    }

    private static boolean rankWarning(List<String> warnings, String side, GaussianStats s) {
        if (s.n() >= 0 && s.n() <= s.dim()) {
            warnings.add("n_" + side + " = " + s.n() + " <= dim = " + s.dim() + ": the covariance of " + side
                    + " has rank at most " + (s.n() - 1) + ", so the FID is biased upward; use N > dim "
                    + "(pytorch-fid recommends N >= 2048 for Inception features)");
            return true;
        }
        return false;
    }
}

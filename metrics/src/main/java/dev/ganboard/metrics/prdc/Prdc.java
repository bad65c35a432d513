package dev.ganboard.metrics.prdc;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.FeatureSource;
import dev.ganboard.metrics.core.Inputs;
import dev.ganboard.metrics.core.TwoSampleMetric;
import dev.ganboard.metrics.linalg.NativeMatrix;

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019) and density and coverage (Naeem et al. 2020) from
 * k-nearest-neighbour balls in feature space. The radius of a point is the distance to its k-th nearest
 * neighbour in its own set, the point itself excluded.
 * <ul>
 *   <li>precision: fraction of fake samples inside at least one real ball (k = kPr, distance <= radius);</li>
 *   <li>recall: fraction of real samples inside at least one fake ball (k = kPr, <=);</li>
 *   <li>density: (1 / (kDc M)) sum over fakes of the number of real balls (k = kDc, distance < radius) that
 *       contain it - can exceed 1;</li>
 *   <li>coverage: fraction of real samples whose ball (k = kDc, <) contains at least one fake sample.</li>
 * </ul>
 */
public final class Prdc implements TwoSampleMetric<PrdcResult> {
    public static final int DEFAULT_K_PR = 3;
    public static final int DEFAULT_K_DC = 5;

    private final int kPr;
    private final int kDc;

    public Prdc(int kPr, int kDc) {
        Inputs.requirePositive("k for precision/recall", kPr);
        Inputs.requirePositive("k for density/coverage", kDc);
        this.kPr = kPr;
        this.kDc = kDc;
    }

    public Prdc() {
        this(DEFAULT_K_PR, DEFAULT_K_DC);
    }

    @Override
    public PrdcResult compute(FeatureSource realSource, FeatureSource fakeSource) {
        Inputs.requireSameDim(realSource, fakeSource);
        Inputs.requireCols(realSource, 1);
        Inputs.requireRows(realSource, Math.max(kPr, kDc) + 1, "a " + Math.max(kPr, kDc) + "-th nearest neighbour");
        Inputs.requireRows(fakeSource, kPr + 1, "a " + kPr + "-th nearest neighbour");
        DenseMatrix real = DenseMatrix.copyOf(realSource);
        DenseMatrix fake = DenseMatrix.copyOf(fakeSource);
        Inputs.requireFinite(real);
        Inputs.requireFinite(fake);
        int nReal = real.rows();
        int nFake = fake.rows();

        try (SquaredDistanceBlocks toReal = new SquaredDistanceBlocks(real);
             SquaredDistanceBlocks toFake = new SquaredDistanceBlocks(fake)) {
            double[][] realRadii = NearestNeighbourRadii.compute(toReal, real, kPr, kDc);
            double[] realPr = realRadii[0];
            double[] realDc = realRadii[1];
            double[] fakePr = NearestNeighbourRadii.compute(toFake, fake, kPr)[0];

            boolean[] recalled = new boolean[nReal];
            double[] nearestFake = new double[nReal];
            java.util.Arrays.fill(nearestFake, Double.POSITIVE_INFINITY);
            int[] precise = new int[1];
            long[] densityCount = new long[1];
            NativeMatrix fakeNative = toFake.referenceNative();
            toReal.forEachQuery(fake, fakeNative, toFake.referenceNorms(), (j, dist, offset) -> {
                boolean inside = false;
                long count = 0;
                double fakeRadius = fakePr[j];
                for (int i = 0; i < nReal; i++) {
                    double d2 = dist[offset + i];
                    if (d2 <= realPr[i]) {
                        inside = true;
                    }
                    if (d2 < realDc[i]) {
                        count++;
                    }
                    if (d2 <= fakeRadius) {
                        recalled[i] = true;
                    }
                    if (d2 < nearestFake[i]) {
                        nearestFake[i] = d2;
                    }
                }
                if (inside) {
                    precise[0]++;
                }
                densityCount[0] += count;
            });
            int recall = 0;
            int covered = 0;
            for (int i = 0; i < nReal; i++) {
                if (recalled[i]) {
                    recall++;
                }
                if (nearestFake[i] < realDc[i]) {
                    covered++;
                }
            }
            return new PrdcResult((double) precise[0] / nFake, (double) recall / nReal,
                    (double) densityCount[0] / ((double) kDc * nFake), (double) covered / nReal,
                    kPr, kDc, nReal, nFake, real.cols());
        }
    }
}

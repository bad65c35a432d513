package dev.ganboard.metrics.modes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.SplitMix64;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one sampling rule of the 2-D mixtures, which training data, reference samples and summaries share. */
class MixtureSamplingTest {
    @Test
    void referenceSampleIsTheSeededStreamDrawnModeThenXThenY() {
        DenseMatrix ref = Mixture.RING8.referenceSample(3);
        assertEquals("ring8 reference", ref.name());
        SplitMix64 rng = new SplitMix64(20_180_101L);
        double[][] modes = Mixture.RING8.modes();
        for (int i = 0; i < 3; i++) {
            double[] c = modes[rng.nextInt(8)];
            double x = c[0] + 0.01 * rng.nextGaussian();
            double y = c[1] + 0.01 * rng.nextGaussian();
            assertEquals(x, ref.get(i, 0), 0.0, "x of point " + i);
            assertEquals(y, ref.get(i, 1), 0.0, "y of point " + i);
        }
    }

    @Test
    void aSmallerReferenceIsAPrefixOfALargerOne() {
        double[] small = Mixture.GRID25.referenceSample(100).data();
        double[] large = Mixture.GRID25.referenceSample(1000).data();
        assertArrayEquals(small, Arrays.copyOf(large, small.length), 0.0);
    }

    @Test
    void anyRandomGeneratorDrawsModeThenGaussianPerCoordinate() {
        double[] drawn = Mixture.GRID25.sample(new Random(7), 50);
        Random rng = new Random(7);
        double[][] modes = Mixture.GRID25.modes();
        for (int i = 0; i < 50; i++) {
            double[] c = modes[rng.nextInt(25)];
            assertEquals(c[0] + 0.05 * rng.nextGaussian(), drawn[2 * i], 0.0);
            assertEquals(c[1] + 0.05 * rng.nextGaussian(), drawn[2 * i + 1], 0.0);
        }
    }

    @Test
    void pointsLieNearTheirModes() {
        ModeCoverageResult r = new ModeCoverage(Mixture.RING8).compute(Mixture.RING8.referenceSample(4000));
        assertEquals(8, r.modesCovered());
        // within 3 sigma of the centre in 2-D: P = 1 - exp(-9 / 2)
        assertEquals(1 - Math.exp(-4.5), r.hqFraction(), 0.01);
    }
}

package dev.ganboard.metrics.modes;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModeCoverageTest {

    static DenseMatrix points(double[][] p) {
        return DenseMatrix.of("samples", p);
    }

    @Test
    void samplesOnEveryModeAreUniform() {
        for (Mixture m : Mixture.values()) {
            double[][] modes = m.modes();
            double[][] samples = new double[modes.length * 3][];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = modes[i % modes.length];
            }
            ModeCoverageResult r = new ModeCoverage(m).compute(points(samples));
            assertEquals(m.size(), r.modesCovered());
            assertEquals(1.0, r.hqFraction());
            assertEquals(0.0, r.klUniform(), 1e-12);
        }
    }

    @Test
    void collapseOnOneModeHasKlLogK() {
        double[][] samples = new double[10][];
        for (int i = 0; i < 10; i++) {
            samples[i] = new double[] {2 + 0.01 * (i % 3), -4};
        }
        samples[9] = new double[] {1, 1}; // far from every grid mode: not high quality
        ModeCoverageResult r = new ModeCoverage(Mixture.GRID25).compute(points(samples));
        assertEquals(1, r.modesCovered());
        assertEquals(0.9, r.hqFraction(), 1e-15);
        assertEquals(Math.log(25), r.klUniform(), 1e-12);
    }

    @Test
    void highQualityMeansStrictlyWithinThreeSigma() {
        // ring8, sigma 0.01: mode 0 at (1, 0)
        ModeCoverageResult r = new ModeCoverage(Mixture.RING8).compute(points(new double[][] {
                {1.0299, 0}, {1.0301, 0}, {0, 0}}));
        assertEquals(1, r.modesCovered());
        assertEquals(1.0 / 3, r.hqFraction(), 1e-15);
        assertEquals(1, r.hqCounts()[0]);
    }

    @Test
    void noHighQualitySampleGivesNullKl() {
        ModeCoverageResult r = new ModeCoverage(Mixture.RING8).compute(points(new double[][] {{0, 0}, {5, 5}}));
        assertEquals(0, r.modesCovered());
        assertEquals(0.0, r.hqFraction());
        assertNull(r.klUniform());
        assertTrue(r.fields().containsKey("kl_uniform"));
    }

    @Test
    void ringModesAreOnTheUnitCircle() {
        double[][] m = Mixture.RING8.modes();
        assertEquals(8, m.length);
        assertEquals(1.0, m[0][0], 0);
        assertEquals(Math.sqrt(0.5), m[1][1], 1e-15);
        assertEquals(25, Mixture.GRID25.size());
        assertEquals(0.05, Mixture.GRID25.sigma());
    }

    @Test
    void rejectsNon2dSamplesAndUnknownMixtures() {
        DenseMatrix threeD = new DenseMatrix("s.npy", 2, 3, new double[6]);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new ModeCoverage(Mixture.RING8).compute(threeD));
        assertTrue(e.getMessage().contains("[N, 2]"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> Mixture.parse("ring9"));
        assertEquals(Mixture.GRID25, Mixture.parse("grid25"));
    }
}

package dev.ganboard.metrics.kid;

import dev.ganboard.metrics.TestData;
import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.InvalidInputException;
import org.junit.jupiter.api.Test;

import static dev.ganboard.metrics.TestData.PHI;
import static dev.ganboard.metrics.TestData.SQRT2;
import static dev.ganboard.metrics.TestData.SQRT3;
import static dev.ganboard.metrics.TestData.SQRT5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KidTest {
    static final DenseMatrix X = TestData.matrix("x", 30, 4, TestData.wavy(30, 4, PHI, SQRT2, 0.1));
    static final DenseMatrix Y = TestData.matrix("y", 25, 4,
            TestData.affine(TestData.wavy(25, 4, SQRT3, SQRT5, 0.05), 1.0, 0.3));

    @Test
    void matchesNumpyReferenceWithReplayedSubsets() {
        // metrics/bench/reference_values.py: torch-fidelity's mmd2 on subsets drawn by the replayed SplitMix64
        KidResult r = new Kid(3, 10, 7).compute(X, Y);
        assertEquals(1.3787696632651558, r.mean(), 1e-12);
        assertEquals(0.2566311400381668, r.std(), 1e-12);
    }

    @Test
    void oneSubsetOfAllSamplesIsTheExactEstimate() {
        DenseMatrix x25 = new DenseMatrix("x25", 25, 4, java.util.Arrays.copyOf(X.data(), 100));
        KidResult r = new Kid(1, 25, 123).compute(x25, Y);
        assertEquals(0.8939775096915463, r.mean(), 1e-12);
        assertEquals(0.0, r.std(), 0);
    }

    @Test
    void identicalDistributionsGiveNearZero() {
        // two independent halves of one sample (subsets of the very same rows would overlap and bias KID down)
        DenseMatrix both = TestData.gaussian("ab", 1200, 8, 1, 0);
        DenseMatrix a = new DenseMatrix("a", 600, 8, java.util.Arrays.copyOfRange(both.data(), 0, 4800));
        DenseMatrix b = new DenseMatrix("b", 600, 8, java.util.Arrays.copyOfRange(both.data(), 4800, 9600));
        KidResult same = new Kid(20, 200, 0).compute(a, b);
        double[] shiftedData = TestData.affine(b.data(), 1.0, 1.0);
        KidResult apart = new Kid(20, 200, 0).compute(a, new DenseMatrix("c", 600, 8, shiftedData));
        assertTrue(Math.abs(same.mean()) < 3 * same.std() / Math.sqrt(20), same.mean() + " +- " + same.std());
        assertTrue(apart.mean() > 10 * Math.abs(same.mean()));
    }

    @Test
    void seedDeterminesTheSubsets() {
        double a = new Kid(5, 10, 1).compute(X, Y).mean();
        assertEquals(a, new Kid(5, 10, 1).compute(X, Y).mean(), 0);
        assertNotEquals(a, new Kid(5, 10, 2).compute(X, Y).mean());
    }

    @Test
    void defaultSubsetSizeIsMin1000AndN() {
        assertEquals(25, new Kid(2, null, 0).compute(X, Y).subsetSize());
    }

    @Test
    void rejectsSubsetsLargerThanTheSample() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new Kid(1, 26, 0).compute(X, Y));
        assertTrue(e.getMessage().contains("too few samples"), e.getMessage());
    }
}

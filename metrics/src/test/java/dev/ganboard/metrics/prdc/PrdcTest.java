package dev.ganboard.metrics.prdc;

import dev.ganboard.metrics.TestData;
import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.InvalidInputException;
import org.junit.jupiter.api.Test;

import static dev.ganboard.metrics.TestData.PHI;
import static dev.ganboard.metrics.TestData.SQRT2;
import static dev.ganboard.metrics.TestData.SQRT3;
import static dev.ganboard.metrics.TestData.SQRT5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrdcTest {

    static DenseMatrix line(String name, double... xs) {
        return new DenseMatrix(name, xs.length, 1, xs.clone());
    }

    @Test
    void matchesNumpyReference() {
        // metrics/bench/reference_values.py: direct distances (scipy cdist), <= for P/R, < for D/C
        DenseMatrix real = TestData.matrix("real", 40, 3, TestData.wavy(40, 3, PHI, SQRT2, 0.1));
        DenseMatrix fake = TestData.matrix("fake", 35, 3,
                TestData.affine(TestData.wavy(35, 3, SQRT3, SQRT5, 0.05), 1.5, -0.1));
        PrdcResult r = new Prdc(3, 5).compute(real, fake);
        assertEquals(0.6571428571428571, r.precision(), 1e-15);
        assertEquals(1.0, r.recall(), 1e-15);
        assertEquals(0.5257142857142857, r.density(), 1e-15);
        assertEquals(0.975, r.coverage(), 1e-15);
    }

    @Test
    void identicalSetsArePerfect() {
        DenseMatrix x = TestData.gaussian("x", 300, 12, 3, 0);
        PrdcResult r = new Prdc().compute(x, x);
        assertEquals(1.0, r.precision());
        assertEquals(1.0, r.recall());
        assertEquals(1.0, r.coverage());
        assertTrue(r.density() > 0.5);
    }

    @Test
    void ballBoundaryIsInclusiveForPrecisionRecallAndStrictForDensityCoverage() {
        // integer points: every distance is exact. Real radii (k = 1) are all 1.
        DenseMatrix real = line("real", 0, 1, 2, 3, 4, 5);
        // fake -1 is exactly on the ball of real 0; 10 and 20 are far; fake radii (k = 1) are 10, 10, 10
        DenseMatrix fake = line("fake", -1, 10, 20);
        PrdcResult r = new Prdc(1, 1).compute(real, fake);
        assertEquals(1.0 / 3, r.precision(), 0);  // -1 counts: distance 1 <= radius 1
        assertEquals(0.0, r.density(), 0);        // but not strictly inside
        assertEquals(0.0, r.coverage(), 0);       // real 0's nearest fake is at 1, not < 1
        assertEquals(1.0, r.recall(), 0);         // every real is within 10 of fake -1 or 10
    }

    @Test
    void kthNeighbourExcludesThePointItselfButNotItsDuplicates() {
        // reals 0, 0, 7, 9: with k = 1 the radius of each 0 is 0 (its duplicate), of 7 and 9 it is 2
        DenseMatrix real = line("real", 0, 0, 7, 9);
        DenseMatrix fake = line("fake", 8, 100);
        PrdcResult r = new Prdc(1, 1).compute(real, fake);
        assertEquals(0.5, r.precision(), 0); // 8 is within 2 of 7 (and of 9)
        assertEquals(0.5, r.coverage(), 0);  // balls of 7 and 9 contain 8; balls of radius 0 contain nothing
        try (SquaredDistanceBlocks blocks = new SquaredDistanceBlocks(real)) {
            double[][] radii = NearestNeighbourRadii.compute(blocks, real, 1, 2);
            assertEquals(0.0, radii[0][0], 0);
            assertEquals(49.0, radii[1][0], 0); // second neighbour of 0 is 7 (squared distance)
            assertEquals(4.0, radii[0][2], 0);
        }
    }

    @Test
    void rejectsTooFewSamplesForK() {
        DenseMatrix small = line("small", 1, 2, 3);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new Prdc(3, 5).compute(small, small));
        assertTrue(e.getMessage().contains("too few samples"), e.getMessage());
    }
}

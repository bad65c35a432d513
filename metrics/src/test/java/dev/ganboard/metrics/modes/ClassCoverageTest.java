package dev.ganboard.metrics.modes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClassCoverageTest {
    private static final int[] BALANCED = {0, 1, 0, 1};

    @Test
    void klAndCoverageFollowTheirDefinitions() {
        ClassCoverage.Result r = ClassCoverage.compute(new int[] {0, 0, 0, 1}, BALANCED, 2);
        assertEquals(2, r.covered());
        // q = (3/4, 1/4), p = (1/2, 1/2): 0.75 ln 1.5 + 0.25 ln 0.5
        assertEquals(0.75 * Math.log(1.5) + 0.25 * Math.log(0.5), r.kl(), 1e-12);
        ClassCoverage.Result one = ClassCoverage.compute(new int[] {1, 1, 1, 1}, BALANCED, 2);
        assertEquals(1, one.covered());
        assertEquals(Math.log(2), one.kl(), 1e-12);
    }

    @Test
    void aClassNeedsAFifthOfItsRealShareToCount() {
        int[] real = new int[100];
        for (int i = 0; i < real.length; i++) {
            real[i] = i % 10; // 10 % per class
        }
        int[] predicted = new int[100];
        predicted[0] = 1; // class 1 gets 1 %, class 2 gets 2 %: only class 2 reaches 0.2 x 10 %
        predicted[1] = 2;
        predicted[2] = 2;
        assertEquals(2, ClassCoverage.compute(predicted, real, 10).covered()); // classes 0 and 2
    }
}

package dev.ganboard.metrics.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tail quantiles from kept order statistics equal type-7 quantiles of the sorted values, for every tail and size. */
class TailQuantilesTest {
    @Test
    void equalsTheSortedTypeSevenQuantileInBothTailsAndTheMiddle() {
        Random random = new Random(5);
        for (int n : new int[] {1, 2, 3, 10, 41, 1000, 5000}) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                // ties on purpose: a coarse grid
                values[i] = Math.round(random.nextGaussian() * 20) / 4.0;
            }
            for (double q : new double[] {0, 0.001, 0.025, 0.05, 0.3, 0.5, 0.7, 0.95, 0.975, 0.999, 1}) {
                assertEquals(Quantiles.of(values, q), TailQuantiles.of(values, q), 0.0, "n = " + n + ", q = " + q);
            }
        }
    }

    @Test
    void leavesTheValuesUntouched() {
        double[] values = {5, 1, 4, 2, 3};
        TailQuantiles.of(values, 0.025);
        TailQuantiles.of(values, 0.975);
        assertEquals(java.util.List.of(5.0, 1.0, 4.0, 2.0, 3.0), java.util.Arrays.stream(values).boxed().toList());
    }
}

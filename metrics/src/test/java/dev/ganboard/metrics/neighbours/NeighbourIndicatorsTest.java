package dev.ganboard.metrics.neighbours;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ganboard.metrics.core.DenseMatrix;
import org.junit.jupiter.api.Test;

/** Memorisation ratio and duplicate rate on points whose nearest-neighbour distances are known by construction. */
class NeighbourIndicatorsTest {
    /** n points on a line, {@code step} apart, starting at {@code start}. */
    private static DenseMatrix line(int n, double start, double step) {
        double[] x = new double[2 * n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = start + i * step;
        }
        return new DenseMatrix("line", n, 2, x);
    }

    @Test
    void copiesOfTrainingPointsHaveRatioZeroAndHalfwayPointsRatioOne() {
        DenseMatrix train = line(40, 0, 1);
        DenseMatrix heldOut = line(20, 0.25, 1); // 0.25 from a training point
        assertEquals(0.0, (double) Memorisation.compute(line(20, 0, 1), heldOut, train).get("memorisation_ratio"),
                1e-12);
        assertEquals(1.0, (double) Memorisation.compute(line(20, 3.75, 1), heldOut, train)
                .get("memorisation_ratio"), 1e-12);
    }

    @Test
    void pairsOfIdenticalSamplesAreAllDuplicates() {
        DenseMatrix real = line(20, 0, 1); // every nearest-neighbour distance is 1, so tau = 1
        double[] pairs = new double[40];
        for (int i = 0; i < 20; i++) {
            pairs[2 * i] = 5 * (i / 2); // points 0, 0, 5, 5, 10, 10, ...
        }
        Object rate = DuplicateRate.compute(new DenseMatrix("pairs", 20, 2, pairs), real).get("duplicate_rate");
        assertEquals(1.0, (double) rate, 1e-12);
        assertEquals(0.0, (double) DuplicateRate.compute(line(20, 0, 2), real).get("duplicate_rate"), 1e-12);
        assertEquals(1.0, (double) DuplicateRate.compute(line(20, 0, 1), real).get("threshold"), 1e-12);
    }
}

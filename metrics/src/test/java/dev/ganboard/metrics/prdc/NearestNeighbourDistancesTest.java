package dev.ganboard.metrics.prdc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ganboard.metrics.core.DenseMatrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NearestNeighbourDistancesTest {
    private static DenseMatrix random(int n, int d, long seed) {
        Random rng = new Random(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian() * 3 + 1;
        }
        return new DenseMatrix("x" + seed, n, d, x);
    }

    /** The definition, one pair at a time. */
    private static double bruteForce(DenseMatrix q, int i, DenseMatrix r, int skip) {
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < r.rows(); j++) {
            if (j == skip) {
                continue;
            }
            double s = 0;
            for (int c = 0; c < q.cols(); c++) {
                double diff = q.get(i, c) - r.get(j, c);
                s += diff * diff;
            }
            best = Math.min(best, Math.sqrt(s));
        }
        return best;
    }

    @Test
    void matchesThePairwiseDefinition() {
        DenseMatrix q = random(53, 7, 1);
        DenseMatrix r = random(71, 7, 2);
        double[] between = NearestNeighbourDistances.between(q, r);
        double[] within = NearestNeighbourDistances.within(r);
        for (int i = 0; i < q.rows(); i++) {
            assertEquals(bruteForce(q, i, r, -1), between[i], 1e-9);
        }
        for (int i = 0; i < r.rows(); i++) {
            assertEquals(bruteForce(r, i, r, i), within[i], 1e-9);
        }
    }

    @Test
    void aDuplicateRowIsAtDistanceZeroButNeverItself() {
        DenseMatrix x = DenseMatrix.of("x", new double[][] {{0, 0}, {3, 4}, {0, 0}});
        double[] within = NearestNeighbourDistances.within(x);
        assertEquals(0, within[0], 1e-12);
        assertEquals(5, within[1], 1e-12);
        assertEquals(0, within[2], 1e-12);
    }
}

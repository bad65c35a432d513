package dev.ganboard.metrics.is;

import dev.ganboard.metrics.core.DenseMatrix;
import dev.ganboard.metrics.core.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InceptionScoreTest {

    static DenseMatrix probs(int n, int k, java.util.function.BiFunction<Integer, Integer, Double> f) {
        double[] p = new double[n * k];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int c = 0; c < k; c++) {
                p[i * k + c] = f.apply(i, c);
                sum += p[i * k + c];
            }
            for (int c = 0; c < k; c++) {
                p[i * k + c] /= sum;
            }
        }
        return new DenseMatrix("probs", n, k, p);
    }

    @Test
    void uniformRowsScoreOne() {
        InceptionScoreResult r = new InceptionScore().compute(probs(1000, 10, (i, c) -> 1.0));
        assertEquals(1.0, r.mean(), 1e-12);
        assertEquals(0.0, r.std(), 1e-12);
    }

    @Test
    void confidentBalancedClassesScoreK() {
        int k = 10;
        DenseMatrix oneHot = probs(1000, k, (i, c) -> i % k == c ? 1.0 : 0.0);
        assertEquals(k, new InceptionScore(1, 0).compute(oneHot).mean(), 1e-12);
        // splits of 100 with the classes arranged so that each contiguous split stays balanced are also exactly K;
        // after the shuffle the splits are only nearly balanced, so IS is slightly below K
        InceptionScoreResult shuffled = new InceptionScore(10, 0).compute(oneHot);
        assertTrue(shuffled.mean() < k && shuffled.mean() > 9.5, String.valueOf(shuffled.mean()));
    }

    @Test
    void matchesNumpyReferenceWithReplayedShuffle() {
        // metrics/bench/reference_values.py: p[i, k] proportional to 1 + ((7 i + 3 k) mod 5), N = 50, K = 4
        DenseMatrix p = probs(50, 4, (i, c) -> 1.0 + ((i * 7 + c * 3) % 5));
        InceptionScoreResult one = new InceptionScore(1, 0).compute(p);
        assertEquals(1.1216785372496396, one.mean(), 1e-14);
        assertEquals(0.0, one.std(), 0);
        InceptionScoreResult ten = new InceptionScore(10, 0).compute(p);
        assertEquals(1.1042268942465485, ten.mean(), 1e-14);
        assertEquals(0.019638108307387526, ten.std(), 1e-14);
        InceptionScoreResult five = new InceptionScore(5, 42).compute(p);
        assertEquals(1.1068682429618837, five.mean(), 1e-14);
        assertEquals(0.017808574586033136, five.std(), 1e-14);
        assertArrayEquals(ten.splitScores(), new InceptionScore(10, 0).compute(p).splitScores());
    }

    @Test
    void rejectsLogitsAndTooFewSamples() {
        DenseMatrix logits = new DenseMatrix("logits", 2, 2, new double[] {2.0, -1.0, 0.5, 0.5});
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new InceptionScore(1, 0).compute(logits));
        assertTrue(e.getMessage().contains("row 0"), e.getMessage());
        DenseMatrix unnormalised = new DenseMatrix("p", 2, 2, new double[] {0.5, 0.5, 0.3, 0.3});
        e = assertThrows(InvalidInputException.class, () -> new InceptionScore(1, 0).compute(unnormalised));
        assertTrue(e.getMessage().contains("row 1 sums to 0.6"), e.getMessage());
        DenseMatrix five = probs(5, 3, (i, c) -> 1.0);
        e = assertThrows(InvalidInputException.class, () -> new InceptionScore(10, 0).compute(five));
        assertTrue(e.getMessage().contains("too few samples"), e.getMessage());
    }
}

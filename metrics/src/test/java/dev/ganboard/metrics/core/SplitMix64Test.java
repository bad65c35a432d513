package dev.ganboard.metrics.core;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitMix64Test {

    @Test
    void matchesTheReferenceSequence() {
        // splitmix64.c (Vigna) with state 0: first outputs
        SplitMix64 r = new SplitMix64(0);
        assertEquals(0xE220A8397B1DCDAFL, r.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, r.nextLong());
        assertEquals(0x06C45D188009454FL, r.nextLong());
    }

    @Test
    void permutationIsAPermutationAndSeeded() {
        int[] p = new SplitMix64(5).permutation(100);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, sorted[i]);
        }
        assertArrayEquals(p, new SplitMix64(5).permutation(100));
        assertNotEquals(Arrays.toString(p), Arrays.toString(new SplitMix64(6).permutation(100)));
    }

    @Test
    void boundedIntsAreInRangeAndRoughlyUniform() {
        SplitMix64 r = new SplitMix64(1);
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) {
            counts[r.nextInt(7)]++;
        }
        for (int c : counts) {
            assertTrue(Math.abs(c - 10_000) < 500, Arrays.toString(counts));
        }
    }

    @Test
    void samplesWithoutReplacementAreDistinct() {
        int[] s = new SplitMix64(3).sampleWithoutReplacement(50, 20);
        assertEquals(20, Arrays.stream(s).distinct().count());
        assertTrue(Arrays.stream(s).allMatch(v -> v >= 0 && v < 50));
    }
}

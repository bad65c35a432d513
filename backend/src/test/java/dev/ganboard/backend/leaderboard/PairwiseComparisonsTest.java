package dev.ganboard.backend.leaderboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ganboard.metrics.statistics.Direction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairwiseComparisonsTest {

    @Test
    void completeSeparationOfFiveSeedsIsSignificantAndNamedInPlainWords() {
        Map<String, double[]> fid = new LinkedHashMap<>();
        fid.put("NS-GAN", new double[] {10, 11, 12, 13, 14});
        fid.put("LSGAN", new double[] {20, 21, 22, 23, 24});
        List<Leaderboard.Comparison> c = PairwiseComparisons.of(fid, "fid", Direction.LOWER_IS_BETTER);
        assertEquals(1, c.size());
        // exact two-sided Mann-Whitney p for complete separation of 5 vs 5: 2 / C(10,5) = 2/252
        assertEquals(2.0 / 252, c.get(0).pValue(), 1e-12);
        assertTrue(c.get(0).significant());
        assertEquals("NS-GAN", c.get(0).winner());
        assertEquals(1.0, c.get(0).probABetter());
        assertEquals("NS-GAN beats LSGAN on fid (p = 0.008, 5 vs 5 seeds)", c.get(0).verdict());
    }

    @Test
    void higherIsBetterFlipsTheWinner() {
        Map<String, double[]> is = new LinkedHashMap<>();
        is.put("A", new double[] {1, 2, 3, 4, 5});
        is.put("B", new double[] {6, 7, 8, 9, 10});
        assertEquals("B", PairwiseComparisons.of(is, "is_mean", Direction.HIGHER_IS_BETTER).get(0).winner());
    }

    @Test
    void holmCorrectionCanRemoveSignificanceAndSingleSeedVariantsAreNotTested() {
        Map<String, double[]> fid = new LinkedHashMap<>();
        fid.put("A", new double[] {1, 2, 3});
        fid.put("B", new double[] {4, 5, 6});
        fid.put("C", new double[] {7, 8, 9});
        fid.put("lonely", new double[] {0});
        List<Leaderboard.Comparison> c = PairwiseComparisons.of(fid, "fid", Direction.LOWER_IS_BETTER);
        assertEquals(3, c.size(), "pairs among A, B, C only");
        // 3 vs 3 complete separation: p = 2/20 = 0.1 raw; never significant at 0.05
        c.forEach(x -> assertFalse(x.significant()));
        assertTrue(c.get(0).verdict().startsWith("no significant difference between A and B on fid"));
        assertTrue(c.stream().allMatch(x -> x.adjustedPValue() >= x.pValue()));
    }
}

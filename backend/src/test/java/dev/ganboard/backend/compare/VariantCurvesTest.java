package dev.ganboard.backend.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class VariantCurvesTest {

    @Test
    void bandIsMeanAndRangeOfTheSeedsThatHaveAValue() {
        List<double[]> seeds = List.of(
                new double[] {1, 2, Double.NaN},
                new double[] {3, 6, Double.NaN},
                new double[] {5, Double.NaN, Double.NaN});
        List<VariantCurves.BandPoint> band = VariantCurves.band(seeds, 0, 10, 3);
        assertEquals(2, band.size(), "the empty third bucket is left out");
        assertEquals(new VariantCurves.BandPoint(5, 3, 1, 5, 3), band.get(0));
        assertEquals(new VariantCurves.BandPoint(15, 4, 2, 6, 2), band.get(1));
    }
}

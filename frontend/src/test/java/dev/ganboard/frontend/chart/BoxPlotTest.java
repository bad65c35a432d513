package dev.ganboard.frontend.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BoxPlotTest {

    @Test
    void everySeedIsADotAndEveryVariantABox() {
        String svg = BoxPlot.svg(List.of(
                new BoxPlot.Box("NS-GAN", 11, 12, 13, 10, 14, new double[] {10, 11, 12, 13, 14}),
                new BoxPlot.Box("LSGAN", 31, 32, 33, 30, 34, new double[] {30, 34})), "fid");
        assertEquals(7, svg.split("class='seed'", -1).length - 1);
        assertEquals(2, svg.split("class='box'", -1).length - 1);
        assertTrue(svg.contains("n = 5") && svg.contains("n = 2"));
    }

    @Test
    void higherValuesAreDrawnHigherUp() {
        String svg = BoxPlot.svg(List.of(new BoxPlot.Box("A", 0, 0, 0, 0, 10, new double[] {0, 10})), "v");
        int first = svg.indexOf("class='seed'");
        double y0 = Double.parseDouble(svg.substring(svg.indexOf("cy='", first) + 4, svg.indexOf("'", svg.indexOf("cy='", first) + 4)));
        int second = svg.indexOf("class='seed'", first + 1);
        double y1 = Double.parseDouble(svg.substring(svg.indexOf("cy='", second) + 4, svg.indexOf("'", svg.indexOf("cy='", second) + 4)));
        assertTrue(y1 < y0, "value 10 above value 0 (SVG y grows downwards)");
    }
}

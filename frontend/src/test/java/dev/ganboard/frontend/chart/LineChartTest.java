package dev.ganboard.frontend.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineChartTest {

    @Test
    void drawsABandAndALinePerSeriesWithEscapedNames() {
        String svg = LineChart.svg(List.of(
                new LineChart.Series("loss/D", List.of(new LineChart.Bucket(0, 1, 2, 1.5), new LineChart.Bucket(10, 0.5, 5, 1))),
                new LineChart.Series("<G>", List.of(new LineChart.Bucket(0, 0, 0, 0)))), "step");
        assertEquals(2, count(svg, "<polygon"));
        assertEquals(2, count(svg, "<polyline"));
        assertTrue(svg.contains("&lt;G&gt;"));
        assertTrue(svg.startsWith("<svg") && svg.endsWith("</svg>"));
    }

    @Test
    void theSpikeSetsTheTopOfTheAxis() {
        String svg = LineChart.svg(List.of(new LineChart.Series("x",
                List.of(new LineChart.Bucket(0, 0, 1, 0.5), new LineChart.Bucket(1, 0, 100, 1)))), "step");
        assertTrue(svg.contains(">100<"), svg);
    }

    @Test
    void aSeriesThatTurnedNonFiniteGetsAMarkerAtThatStep() {
        String svg = LineChart.svg(List.of(
                new LineChart.Series("loss/D", List.of(new LineChart.Bucket(0, 1, 2, 1.5), new LineChart.Bucket(10, 0.5, 5, 1)),
                        new LineChart.Marker(20, "loss/D: NaN from step 20")),
                new LineChart.Series("loss/G", List.of(new LineChart.Bucket(0, 0, 1, 0.5)))), "step");
        assertEquals(1, count(svg, "class='non-finite-marker'"));
        assertTrue(svg.contains("<title>loss/D: NaN from step 20</title>"), svg);
        assertTrue(svg.contains(">20<"), "the marker's step widens the x axis: " + svg);
        assertTrue(!svg.contains("NaN,") && !svg.contains(",NaN"), "no NaN coordinates: " + svg);
    }

    @Test
    void aSeriesWithOnlyNonFiniteValuesStillShowsItsMarker() {
        String svg = LineChart.svg(List.of(new LineChart.Series("loss/D", List.of(),
                new LineChart.Marker(0, "loss/D: NaN from step 0"))), "step");
        assertEquals(1, count(svg, "class='non-finite-marker'"));
        assertTrue(!svg.contains("NaN,") && !svg.contains("'NaN'"), svg);
    }

    @Test
    void emptyChartSaysSo() {
        assertTrue(LineChart.svg(List.of(), "step").contains("no points yet"));
    }

    @Test
    void ticksAreRoundNumbersCoveringTheRange() {
        assertEquals(List.of(0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0), LineChart.ticks(0, 1));
        assertEquals(List.of(0.0, 200.0, 400.0, 600.0, 800.0, 1000.0), LineChart.ticks(0, 1000));
    }

    private static int count(String s, String part) {
        return s.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}

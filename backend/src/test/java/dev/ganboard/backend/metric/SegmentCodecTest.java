package dev.ganboard.backend.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SegmentCodecTest {

    @Test
    void roundTripsExactlyIncludingExtremes() {
        List<SeriesPoint> points = List.of(
                new SeriesPoint(0, 0.0, 0),
                new SeriesPoint(0, -0.0, 5),
                new SeriesPoint(7, Double.MIN_VALUE, 3),
                new SeriesPoint(1_000_000_000_000L, -Double.MAX_VALUE, Long.MAX_VALUE / 2),
                new SeriesPoint(Long.MAX_VALUE / 2, 1e-300, 1));
        assertEquals(points, SegmentCodec.decode(SegmentCodec.encode(points)));
    }

    @Test
    void randomSeriesRoundTrip() {
        Random random = new Random(42);
        List<SeriesPoint> points = new ArrayList<>();
        long step = 0;
        long time = 1_700_000_000_000L;
        for (int i = 0; i < 10_000; i++) {
            step += random.nextInt(3);
            time += random.nextInt(50) - 10;
            points.add(new SeriesPoint(step, random.nextGaussian(), time));
        }
        assertEquals(points, SegmentCodec.decode(SegmentCodec.encode(points)));
    }

    @Test
    void typicalPointsPackToAboutElevenBytes() {
        List<SeriesPoint> points = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            points.add(new SeriesPoint(i, Math.sin(i), 1_700_000_000_000L + i * 3L));
        }
        int bytes = SegmentCodec.encode(points).length;
        assertTrue(bytes < 1000 * 11 + 16, "encoded size " + bytes);
    }
}

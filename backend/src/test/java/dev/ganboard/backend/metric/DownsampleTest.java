package dev.ganboard.backend.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DownsampleTest {

    private static List<SeriesPoint> series(int n) {
        List<SeriesPoint> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(new SeriesPoint(i, 1.0, i));
        }
        return points;
    }

    @Test
    void aSingleSpikeSurvivesAsTheMaxOfItsBucket() {
        List<SeriesPoint> points = series(100_000);
        points.set(54_321, new SeriesPoint(54_321, 1e6, 0));
        List<MetricSeries.Bucket> buckets = MetricSeries.downsample(points, 100);
        assertEquals(100, buckets.size());
        MetricSeries.Bucket spiky = buckets.stream().filter(b -> b.max() == 1e6).findFirst().orElseThrow();
        assertTrue(spiky.stepStart() <= 54_321 && 54_321 <= spiky.stepEnd());
        assertEquals(1.0, spiky.min());
        assertEquals(100_000, buckets.stream().mapToLong(MetricSeries.Bucket::count).sum());
    }

    @Test
    void bucketsCoverTheRangeInOrderWithLastValues() {
        List<SeriesPoint> points = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            points.add(new SeriesPoint(i * 10L, i, 0));
        }
        List<MetricSeries.Bucket> buckets = MetricSeries.downsample(points, 5);
        assertEquals(5, buckets.size());
        assertEquals(new MetricSeries.Bucket(0, 10, 2, 0, 0.0, 1.0, 0.5, 1), buckets.get(0));
        assertEquals(new MetricSeries.Bucket(80, 90, 2, 0, 8.0, 9.0, 8.5, 9), buckets.get(4));
    }

    @Test
    void fewerPointsThanBucketsGiveOneBucketPerPoint() {
        List<MetricSeries.Bucket> buckets = MetricSeries.downsample(series(3), 1000);
        assertEquals(3, buckets.size());
        assertEquals(List.of(0L, 1L, 2L), buckets.stream().map(MetricSeries.Bucket::stepStart).toList());
    }

    @Test
    void bucketsKeepMinMaxMeanOfTheFinitePointsAndCountTheOthers() {
        List<SeriesPoint> points = new ArrayList<>();
        double[] values = {1, 3, Double.NaN, 5, Double.POSITIVE_INFINITY, Double.NaN, Double.NEGATIVE_INFINITY, 2};
        for (int i = 0; i < values.length; i++) {
            points.add(new SeriesPoint(i, values[i], 0));
        }
        List<MetricSeries.Bucket> buckets = MetricSeries.downsample(points, 2);
        assertEquals(new MetricSeries.Bucket(0, 3, 4, 1, 1.0, 5.0, 3.0, 5), buckets.get(0));
        assertEquals(new MetricSeries.Bucket(4, 7, 4, 3, 2.0, 2.0, 2.0, 2), buckets.get(1));
        List<MetricSeries.Bucket> one = MetricSeries.downsample(points.subList(4, 7), 1);
        assertEquals(new MetricSeries.Bucket(4, 6, 3, 3, null, null, null, Double.NEGATIVE_INFINITY), one.get(0),
                "a bucket of only non-finite points has no min, max or mean");
    }

    @Test
    void emptySeriesHasNoBuckets() {
        assertTrue(MetricSeries.downsample(List.of(), 10).isEmpty());
    }
}

package dev.ganboard.backend.metric;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads one series back, either whole or downsampled into step buckets that keep min, max and last. */
@ApplicationScoped
public class MetricSeries {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Series(String key, long count, List<SeriesPoint> points, List<Bucket> buckets) {
    }

    /** Points with step in [stepStart, stepEnd]; {@code last} is the value at the highest step. */
    public record Bucket(long stepStart, long stepEnd, long count, double min, double max, double mean, double last) {
    }

    @Transactional
    public List<String> keys(long runId) {
        return MetricSegment.getEntityManager()
                .createQuery("select distinct s.metricKey from MetricSegment s where s.runId = ?1 order by 1", String.class)
                .setParameter(1, runId).getResultList();
    }

    @Transactional
    public Series read(long runId, String key, Integer buckets) {
        List<SeriesPoint> points = load(runId, key);
        if (buckets == null) {
            return new Series(key, points.size(), points, null);
        }
        return new Series(key, points.size(), null, downsample(points, buckets));
    }

    private static List<SeriesPoint> load(long runId, String key) {
        List<MetricSegment> segments = MetricSegment.ofSeries(runId, key);
        List<SeriesPoint> points = new ArrayList<>(segments.stream().mapToInt(s -> s.pointCount).sum());
        long previousLast = Long.MIN_VALUE;
        boolean ordered = true;
        for (MetricSegment segment : segments) {
            ordered &= segment.firstStep >= previousLast;
            previousLast = segment.lastStep;
            points.addAll(SegmentCodec.decode(segment.payload));
        }
        if (!ordered) {
            // Late batches overlap earlier segments; a stable sort keeps arrival order among equal steps.
            points.sort(Comparator.comparingLong(SeriesPoint::step));
        }
        return points;
    }

    /** Equal-width buckets over the step range; empty buckets are left out. */
    static List<Bucket> downsample(List<SeriesPoint> points, int buckets) {
        List<Bucket> out = new ArrayList<>();
        if (points.isEmpty()) {
            return out;
        }
        long first = points.get(0).step();
        long last = points.get(points.size() - 1).step();
        double width = Math.max(1.0, (double) (last - first + 1) / buckets);
        int i = 0;
        while (i < points.size()) {
            int bucket = (int) Math.min(buckets - 1, (long) ((points.get(i).step() - first) / width));
            int j = i;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            while (j < points.size() && (int) Math.min(buckets - 1, (long) ((points.get(j).step() - first) / width)) == bucket) {
                double v = points.get(j).value();
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                j++;
            }
            out.add(new Bucket(points.get(i).step(), points.get(j - 1).step(), j - i, min, max, sum / (j - i),
                    points.get(j - 1).value()));
            i = j;
        }
        return out;
    }
}
